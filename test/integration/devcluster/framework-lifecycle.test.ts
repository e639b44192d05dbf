/**
 * Framework lifecycle on the master: re-subscription fails the old stream
 * over, failover_timeout removes a disconnected framework, TEARDOWN removes
 * at once, and removed ids are refused.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, autoAcknowledge, eventually, frameworkInfo, launchOnNextOffer } from '../../helpers/raw-mesos-client';

jest.setTimeout(30_000);

describe('framework lifecycle', () => {
  let cluster: LocalCluster;

  beforeEach(async () => {
    cluster = await createTestCluster({ simulated: true });
  });
  afterEach(async () => {
    await cluster?.stop();
  });

  it('re-subscription sends "Framework failed over" to the old stream and closes it', async () => {
    const first = new RawFramework(cluster.masterUrl, frameworkInfo('failover'));
    await first.subscribe();
    await first.offers();
    const second = new RawFramework(cluster.masterUrl, frameworkInfo('failover'));
    second.frameworkId = first.frameworkId;
    await second.subscribe();
    expect(second.sub.events[0]!.subscribed.framework_id.value).toBe(first.frameworkId);
    const error = await first.sub.waitFor((e) => e.type === 'ERROR');
    expect(error.error.message).toBe('Framework failed over');
    await first.sub.whenEnded();
    expect(first.sub.events.some((e) => e.type === 'RESCIND')).toBe(false);
    await second.offers();
    expect((await first.call('REVIVE')).status).toBe(400);
    second.close();
  });

  it('removes a framework that stays away longer than failover_timeout, killing its tasks', async () => {
    const fw = new RawFramework(cluster.masterUrl, frameworkInfo('short', { failoverTimeoutSeconds: 0.3 }));
    await fw.subscribe();
    autoAcknowledge(fw);
    await launchOnNextOffer(fw, 'doomed');
    await fw.update('doomed', 'TASK_RUNNING');
    fw.close();
    await fw.sub.whenEnded();
    const master = cluster.leader()!;
    await eventually(() => master.state.frameworks.has(fw.frameworkId) && !master.state.frameworks.get(fw.frameworkId)!.stream);
    expect((await fw.call('REVIVE')).body).toBe('Framework is not subscribed');
    await eventually(() => master.state.removedFrameworks.has(fw.frameworkId));
    expect(master.state.tasksOf(fw.frameworkId)).toEqual([]);
    const again = new RawFramework(cluster.masterUrl, frameworkInfo('short'));
    again.frameworkId = fw.frameworkId;
    await again.subscribe();
    expect(again.sub.events[0]!.error.message).toBe('Framework has been removed');
    await again.sub.whenEnded();
  });

  it('TEARDOWN closes the stream and makes the id unusable', async () => {
    const fw = new RawFramework(cluster.masterUrl, frameworkInfo('teardown'));
    await fw.subscribe();
    expect((await fw.call('TEARDOWN')).status).toBe(202);
    await fw.sub.whenEnded();
    const again = new RawFramework(cluster.masterUrl, frameworkInfo('teardown'));
    again.frameworkId = fw.frameworkId;
    await again.subscribe();
    expect(again.sub.events.map((e) => e.type)).toEqual(['ERROR']);
    expect(again.sub.events[0]!.error.message).toBe('Framework has been removed');
  });

  it('refuses an invalid FrameworkInfo with an ERROR event', async () => {
    const fw = new RawFramework(cluster.masterUrl, { user: 'nobody', name: 'bad', roles: ['x'] });
    await fw.subscribe();
    expect(fw.sub.events[0]).toEqual({ type: 'ERROR', error: { message: "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable" } });
    await fw.sub.whenEnded();
  });
});
