import {
  decodeWaitStatus,
  enumLabel,
  enumName,
  enumValue,
  isError,
  isExecutorHeartbeat,
  isFailure,
  isHeartbeat,
  isKnownExecutorEvent,
  isKnownSchedulerEvent,
  isLaunch,
  isOffers,
  isSubscribed,
  isTerminalTaskState,
  isUpdate,
  mesos,
  needsAcknowledgement,
  reasonName,
  schedulerEventTypeName,
  taskStateName,
  type SchedulerEvent,
} from '../../../src/wire';
import { error, failure, heartbeat, offers, subscribed, updateWithUuid } from '../../fixtures/wire/scheduler-events';

const S = mesos.v1.TaskState;
const guards = { isSubscribed, isOffers, isUpdate, isFailure, isError, isHeartbeat };

describe('scheduler event guards', () => {
  it.each([
    ['isSubscribed', subscribed.plain],
    ['isOffers', offers.plain],
    ['isUpdate', updateWithUuid.plain],
    ['isFailure', failure.plain],
    ['isError', error.plain],
    ['isHeartbeat', heartbeat.plain],
  ] as const)('%s matches only its own event', (name, event) => {
    for (const [guardName, guard] of Object.entries(guards)) {
      expect(guard(event as SchedulerEvent)).toBe(guardName === name);
    }
  });

  it('matches nothing for an unknown type or a missing payload', () => {
    const unknown: SchedulerEvent = { type: 99 as mesos.v1.scheduler.Event.Type };
    for (const guard of Object.values(guards)) expect(guard(unknown)).toBe(false);
    expect(isKnownSchedulerEvent(unknown)).toBe(false);
    expect(isKnownSchedulerEvent({})).toBe(false);
    expect(isKnownSchedulerEvent(heartbeat.plain)).toBe(true);
    expect(isUpdate({ type: mesos.v1.scheduler.Event.Type.UPDATE })).toBe(false);
  });

  it('accepts a FAILURE with only an agent id', () => {
    const agentLost: SchedulerEvent = { type: mesos.v1.scheduler.Event.Type.FAILURE, failure: { agent_id: { value: 'a1' } } };
    expect(isFailure(agentLost)).toBe(true);
    expect(decodeWaitStatus(agentLost.failure?.status)).toBeUndefined();
  });
});

describe('executor event guards', () => {
  it('narrow executor events and tolerate unknown types', () => {
    expect(isLaunch({ type: mesos.v1.executor.Event.Type.LAUNCH, launch: { task: { name: 'n', task_id: { value: 't' }, agent_id: { value: 'a' } } } })).toBe(true);
    expect(isExecutorHeartbeat({ type: mesos.v1.executor.Event.Type.HEARTBEAT })).toBe(true);
    expect(isKnownExecutorEvent({ type: 42 as mesos.v1.executor.Event.Type })).toBe(false);
  });
});

describe('status predicates', () => {
  it('needs an acknowledgement exactly when the uuid is present', () => {
    expect(needsAcknowledgement({ uuid: new Uint8Array(16) })).toBe(true);
    expect(needsAcknowledgement({})).toBe(false);
    expect(needsAcknowledgement({ uuid: null })).toBe(false);
  });

  it('knows Mesos terminal states', () => {
    const terminal = [S.TASK_FINISHED, S.TASK_FAILED, S.TASK_KILLED, S.TASK_LOST, S.TASK_ERROR, S.TASK_DROPPED, S.TASK_GONE, S.TASK_GONE_BY_OPERATOR];
    const live = [S.TASK_STAGING, S.TASK_STARTING, S.TASK_RUNNING, S.TASK_KILLING, S.TASK_UNREACHABLE, S.TASK_UNKNOWN];
    for (const state of terminal) expect(isTerminalTaskState(state)).toBe(true);
    for (const state of live) expect(isTerminalTaskState(state)).toBe(false);
    expect(isTerminalTaskState(99)).toBe(false);
    expect(isTerminalTaskState(undefined)).toBe(false);
  });

  it('decodes POSIX wait statuses', () => {
    expect(decodeWaitStatus(256)).toStrictEqual({ kind: 'exited', exitCode: 1 });
    expect(decodeWaitStatus(0)).toStrictEqual({ kind: 'exited', exitCode: 0 });
    expect(decodeWaitStatus(9)).toStrictEqual({ kind: 'signaled', signal: 9, coreDumped: false });
    expect(decodeWaitStatus(0x86)).toStrictEqual({ kind: 'signaled', signal: 6, coreDumped: true });
  });
});

describe('enum helpers', () => {
  it('map numbers to names and back, tolerating unknown values', () => {
    expect(taskStateName(S.TASK_STAGING)).toBe('TASK_STAGING');
    expect(taskStateName(99)).toBeUndefined();
    expect(reasonName(mesos.v1.TaskStatus.Reason.REASON_RECONCILIATION)).toBe('REASON_RECONCILIATION');
    expect(schedulerEventTypeName(8)).toBe('HEARTBEAT');
    expect(enumName(mesos.v1.TaskStatus.Source, 2)).toBe('SOURCE_EXECUTOR');
    expect(enumValue(mesos.v1.TaskState, 'TASK_GONE')).toBe(11);
    expect(enumValue(mesos.v1.TaskState, 'toString')).toBeUndefined();
    expect(enumLabel(mesos.v1.TaskState, 77)).toBe('UNKNOWN(77)');
  });
});
