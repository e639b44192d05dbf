/**
 * A single master failing over (a fresh master on the same port) and status
 * updates bent by faults: the new master accepts the re-subscription before
 * agents re-register and stays silent on reconciliation meanwhile (§5.2
 * case 2); dropped updates come back through the agent's retries.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, autoAcknowledge, frameworkInfo, launchOnNextOffer } from '../../helpers/raw-mesos-client';

jest.setTimeout(30_000);

describe('master failover and update faults', () => {
  let cluster: LocalCluster;

  beforeEach(async () => {
    cluster = await createTestCluster({ simulated: true, agentReregisterDelayMs: 1_000 });
  });
  afterEach(async () => {
    await cluster?.stop();
  });

  it('accepts re-subscription at once and answers reconciliation only after the agent re-registered', async () => {
    const fw = new RawFramework(cluster.masterUrl, frameworkInfo('survivor', { partitionAware: true }));
    await fw.subscribe();
    autoAcknowledge(fw);
    const agentId = (await launchOnNextOffer(fw, 't1')).agent_id.value;
    await fw.update('t1', 'TASK_RUNNING');
    const oldMasterId = fw.sub.events[0]!.subscribed.master_info.id;

    await cluster.faults.failoverMaster();
    await fw.sub.whenEnded();
    await fw.subscribe();
    expect(fw.sub.events[0]!.type).toBe('SUBSCRIBED');
    expect(fw.sub.events[0]!.subscribed.master_info.id).not.toBe(oldMasterId);
    autoAcknowledge(fw);
    await fw.call('RECONCILE', { reconcile: { tasks: [{ task_id: { value: 't1' }, agent_id: { value: agentId } }, { task_id: { value: 't1' } }] } });
    await fw.offers();
    expect(fw.sub.events.filter((e) => e.type === 'UPDATE' && e.update.status.reason === 'REASON_RECONCILIATION')).toEqual([]);
    const from = fw.sub.mark();
    await fw.call('RECONCILE', { reconcile: { tasks: [{ task_id: { value: 't1' }, agent_id: { value: agentId } }] } });
    expect((await fw.sub.waitFor((e) => e.type === 'UPDATE', from)).update.status.state).toBe('TASK_RUNNING');
    fw.close();
  });

  it('duplicates updates on demand, and a dropped update arrives through the agent retry', async () => {
    const fw = new RawFramework(cluster.masterUrl, frameworkInfo('faulty'));
    await fw.subscribe();
    cluster.faults.setUpdateFaults({ duplicateRate: 1 });
    await launchOnNextOffer(fw, 'dup');
    const starting = await fw.update('dup', 'TASK_STARTING');
    await fw.sub.waitFor((e) => e !== starting && e.type === 'UPDATE' && e.update.status.uuid === starting.update.status.uuid);

    cluster.faults.setUpdateFaults({ dropRate: 1 });
    const from = fw.sub.mark();
    await fw.acknowledge(starting.update.status);
    let beats = 0;
    await fw.sub.waitFor((e) => e.type === 'HEARTBEAT' && ++beats >= 2, from);
    expect(fw.sub.events.slice(from).some((e) => e.type === 'UPDATE')).toBe(false);
    cluster.faults.setUpdateFaults({});
    await fw.update('dup', 'TASK_RUNNING', from);
    fw.close();
  });
});
