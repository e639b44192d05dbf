import { executorCalls, isValidUuidBytes, mesos, newUuidBytes, formatUuid, schedulerCalls } from '../../../src/wire';
import { seededRandom } from '../../../src/util/random';
import { acceptLaunch, acknowledgeUpdate, declineWithFilters, dockerTask, messageToExecutor, reconcileExplicit, reconcileImplicit, subscribeAgain, subscribeNew, UUID_BYTES } from '../../fixtures/wire/scheduler-calls';
import { executorSubscribe, executorUpdate } from '../../fixtures/wire/executor-messages';

const SCT = mesos.v1.scheduler.Call.Type;
const info = { user: 'svc', name: 'fw', failover_timeout: 604800, checkpoint: true, capabilities: [{ type: mesos.v1.FrameworkInfo.Capability.Type.MULTI_ROLE }], roles: ['web'] };

describe('scheduler call constructors', () => {
  it('subscribe sets the framework id in neither place for a new framework', () => {
    expect(schedulerCalls.subscribe(info)).toStrictEqual(subscribeNew.plain);
  });

  it('subscribe sets the framework id in both places on re-subscription', () => {
    expect(schedulerCalls.subscribe(info, { frameworkId: 'fw-1' })).toStrictEqual(subscribeAgain.plain);
    expect(schedulerCalls.subscribe({ ...info, id: { value: 'fw-1' } })).toStrictEqual(subscribeAgain.plain);
  });

  it('subscribe does not modify the given FrameworkInfo', () => {
    const given = { ...info, id: { value: 'old' } };
    schedulerCalls.subscribe(given, { frameworkId: 'fw-1', suppressedRoles: ['web'] });
    expect(given.id).toStrictEqual({ value: 'old' });
  });

  it('subscribe carries suppressed roles and offer constraints', () => {
    const call = schedulerCalls.subscribe(info, { suppressedRoles: ['web'], offerConstraints: { role_constraints: {} } });
    expect(call.subscribe?.suppressed_roles).toEqual(['web']);
    expect(call.subscribe?.offer_constraints).toEqual({ role_constraints: {} });
  });

  it('builds the golden ACCEPT, DECLINE, ACKNOWLEDGE, RECONCILE and MESSAGE calls', () => {
    expect(schedulerCalls.accept('fw-1', ['o1'], [schedulerCalls.launch([dockerTask])], { refuse_seconds: 10 })).toStrictEqual(acceptLaunch.plain);
    expect(schedulerCalls.decline('fw-1', [{ value: 'o1' }], { refuseSeconds: 300 })).toStrictEqual(declineWithFilters.plain);
    expect(schedulerCalls.acknowledge('fw-1', { agentId: 'a1', taskId: 't1', uuid: UUID_BYTES })).toStrictEqual(acknowledgeUpdate.plain);
    expect(schedulerCalls.reconcile('fw-1', [{ taskId: 't1', agentId: 'a1' }])).toStrictEqual(reconcileExplicit.plain);
    expect(schedulerCalls.reconcile('fw-1', [])).toStrictEqual(reconcileImplicit.plain);
    expect(schedulerCalls.reconcile('fw-1')).toStrictEqual(reconcileImplicit.plain);
    expect(schedulerCalls.message('fw-1', 'a1', 'e1', new Uint8Array([0x68, 0x69]))).toStrictEqual(messageToExecutor.plain);
  });

  it('decline without options sends no filters', () => {
    expect(schedulerCalls.decline('f', ['o'])).toStrictEqual({ framework_id: { value: 'f' }, type: SCT.DECLINE, decline: { offer_ids: [{ value: 'o' }] } });
  });

  it('acknowledgeStatus copies the status ids and refuses an update without uuid', () => {
    const status = { task_id: { value: 't1' }, state: 1, agent_id: { value: 'a1' }, uuid: UUID_BYTES };
    expect(schedulerCalls.acknowledgeStatus('fw-1', status)).toStrictEqual(acknowledgeUpdate.plain);
    expect(() => schedulerCalls.acknowledgeStatus('fw-1', { task_id: { value: 't1' }, state: 1 })).toThrow(TypeError);
  });

  it('revive and suppress omit the sub-message for all roles', () => {
    expect(schedulerCalls.revive('f')).toStrictEqual({ framework_id: { value: 'f' }, type: SCT.REVIVE });
    expect(schedulerCalls.suppress('f', ['a', 'b'])).toStrictEqual({ framework_id: { value: 'f' }, type: SCT.SUPPRESS, suppress: { roles: ['a', 'b'] } });
    expect(schedulerCalls.revive('f', ['a']).revive).toStrictEqual({ roles: ['a'] });
  });

  it('builds the other calls with their sub-messages', () => {
    expect(schedulerCalls.teardown('f')).toStrictEqual({ framework_id: { value: 'f' }, type: SCT.TEARDOWN });
    expect(schedulerCalls.kill('f', 't', { agentId: 'a' }).kill).toStrictEqual({ task_id: { value: 't' }, agent_id: { value: 'a' } });
    expect(schedulerCalls.shutdown('f', 'e', 'a').shutdown).toStrictEqual({ executor_id: { value: 'e' }, agent_id: { value: 'a' } });
    expect(schedulerCalls.acknowledgeOperationStatus('f', { agentId: 'a', uuid: UUID_BYTES, operationId: 'op' }).acknowledge_operation_status).toStrictEqual({
      agent_id: { value: 'a' },
      uuid: UUID_BYTES,
      operation_id: { value: 'op' },
    });
    expect(schedulerCalls.reconcileOperations('f').reconcile_operations).toStrictEqual({});
    const update = schedulerCalls.updateFramework('f', { user: 'u', name: 'n' }, { suppressedRoles: ['r'] });
    expect(update).toStrictEqual({
      framework_id: { value: 'f' },
      type: SCT.UPDATE_FRAMEWORK,
      update_framework: { framework_info: { user: 'u', name: 'n', id: { value: 'f' } }, suppressed_roles: ['r'] },
    });
    expect(schedulerCalls.launchGroup({ executor_id: { value: 'e' } }, [dockerTask]).type).toBe(mesos.v1.Offer.Operation.Type.LAUNCH_GROUP);
  });
});

describe('executor call constructors', () => {
  it('subscribe always sends subscribe: {}', () => {
    expect(executorCalls.subscribe('fw-1', 'e1')).toStrictEqual(executorSubscribe.plain);
    expect(executorCalls.subscribe('fw-1', 'e1', { unacknowledgedTasks: [], unacknowledgedUpdates: [] })).toStrictEqual(executorSubscribe.plain);
  });

  it('subscribe replays unacknowledged tasks and updates', () => {
    const status = (executorUpdate.plain.update as mesos.v1.executor.Call.IUpdate).status;
    const call = executorCalls.subscribe('fw-1', 'e1', { unacknowledgedTasks: [dockerTask], unacknowledgedUpdates: [{ status }] });
    expect(call.subscribe).toStrictEqual({ unacknowledged_tasks: [dockerTask], unacknowledged_updates: [{ status }] });
  });

  it('builds UPDATE, MESSAGE and HEARTBEAT', () => {
    const status = (executorUpdate.plain.update as mesos.v1.executor.Call.IUpdate).status;
    expect(executorCalls.update('fw-1', 'e1', status)).toStrictEqual(executorUpdate.plain);
    expect(executorCalls.message('f', 'e', new Uint8Array([1])).message).toStrictEqual({ data: new Uint8Array([1]) });
    expect(executorCalls.heartbeat()).toStrictEqual({
      executor_id: { value: 'unused' },
      framework_id: { value: 'unused' },
      type: mesos.v1.executor.Call.Type.HEARTBEAT,
    });
  });
});

describe('uuids', () => {
  it('makes valid version 4 uuids, reproducibly from a seed', () => {
    const a = newUuidBytes(seededRandom(7));
    expect(a).toHaveLength(16);
    expect(isValidUuidBytes(a)).toBe(true);
    expect(a[6]! >> 4).toBe(4);
    expect(a[8]! >> 6).toBe(0b10);
    expect(newUuidBytes(seededRandom(7))).toStrictEqual(a);
    expect(isValidUuidBytes(newUuidBytes())).toBe(true);
    expect(newUuidBytes()).not.toStrictEqual(newUuidBytes());
  });

  it('refuses the text form and wrong lengths', () => {
    expect(isValidUuidBytes(new TextEncoder().encode('00112233-4455-4677-8899-aabbccddeeff'))).toBe(false);
    expect(isValidUuidBytes(new Uint8Array(16))).toBe(false);
    expect(isValidUuidBytes(UUID_BYTES)).toBe(true);
    expect(isValidUuidBytes(undefined)).toBe(false);
  });

  it('formats uuids canonically', () => {
    expect(formatUuid(UUID_BYTES)).toBe('00112233-4455-4677-8899-aabbccddeeff');
  });
});
