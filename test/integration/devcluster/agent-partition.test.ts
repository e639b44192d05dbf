/**
 * A partitioned agent: RESCIND of its offers, FAILURE, its tasks reported
 * TASK_UNREACHABLE (partition-aware) or TASK_LOST (others), then running
 * again when the partition heals.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, autoAcknowledge, frameworkInfo, launchOnNextOffer } from '../../helpers/raw-mesos-client';

jest.setTimeout(30_000);

describe('agent partition', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await createTestCluster({ simulated: true, agents: 1 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('marks tasks unreachable (or lost) and running again on return', async () => {
    const pa = new RawFramework(cluster.masterUrl, frameworkInfo('pa', { partitionAware: true, role: 'pa' }));
    const plain = new RawFramework(cluster.masterUrl, frameworkInfo('plain', { role: 'plain' }));
    await pa.subscribe();
    autoAcknowledge(pa);
    const used = await launchOnNextOffer(pa, 'pa-task');
    const agentId = used.agent_id.value;
    await pa.call('SUPPRESS');
    const rest = (await pa.sub.waitFor((e) => e.type === 'OFFERS' && e.offers.offers[0].id.value !== used.id.value)).offers.offers[0];
    await pa.call('DECLINE', { decline: { offer_ids: [rest.id], filters: { refuse_seconds: 0 } } });
    await pa.update('pa-task', 'TASK_RUNNING');
    await plain.subscribe();
    autoAcknowledge(plain);
    const plainUsed = await launchOnNextOffer(plain, 'plain-task');
    // `plain` keeps an outstanding offer through the partition, so a RESCIND is due.
    const held = (await plain.sub.waitFor((e) => e.type === 'OFFERS' && e.offers.offers[0].id.value !== plainUsed.id.value)).offers.offers[0];
    await plain.call('SUPPRESS');
    await plain.update('plain-task', 'TASK_RUNNING');

    const from = pa.sub.mark();
    const plainFrom = plain.sub.mark();
    cluster.faults.partitionAgent(agentId);
    const unreachable = (await pa.update('pa-task', 'TASK_UNREACHABLE', from)).update.status;
    expect(unreachable).toMatchObject({ source: 'SOURCE_MASTER', agent_id: { value: agentId } });
    expect(unreachable.unreachable_time).toBeDefined();
    expect(unreachable.uuid).toBeUndefined();
    expect((await plain.update('plain-task', 'TASK_LOST', plainFrom)).update.status.uuid).toBeUndefined();
    expect((await plain.sub.waitFor((e) => e.type === 'RESCIND', plainFrom)).rescind.offer_id).toEqual(held.id);
    expect((await pa.sub.waitFor((e) => e.type === 'FAILURE', from)).failure).toEqual({ agent_id: { value: agentId } });

    const reconcileFrom = pa.sub.mark();
    await pa.call('RECONCILE', { reconcile: { tasks: [{ task_id: { value: 'pa-task' }, agent_id: { value: agentId } }] } });
    expect((await pa.sub.waitFor((e) => e.type === 'UPDATE', reconcileFrom)).update.status.state).toBe('TASK_UNREACHABLE');

    const healFrom = pa.sub.mark();
    cluster.faults.healAgent(agentId);
    await pa.update('pa-task', 'TASK_RUNNING', healFrom);
    await plain.update('plain-task', 'TASK_RUNNING', plainFrom);
    await pa.call('REVIVE');
    await pa.offers(healFrom);
    pa.close();
    plain.close();
  });
});
