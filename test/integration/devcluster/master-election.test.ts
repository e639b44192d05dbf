/**
 * Two masters with a real ZooKeeper: they register `json.info_` znodes, the
 * non-leader redirects to the leader, and when the leader goes the other
 * takes over, accepts the framework's re-subscription and learns its tasks
 * from the agents as they re-register.
 */
import { ZkClient } from '../../../src/store/zookeeper/zk-client';
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, autoAcknowledge, frameworkInfo, launchOnNextOffer, post } from '../../helpers/raw-mesos-client';
import { useZooKeeper } from '../../helpers/zookeeper';

jest.setTimeout(60_000);

describe('masters elected through ZooKeeper', () => {
  const zk = useZooKeeper();
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await createTestCluster({ simulated: true, masters: 2, zk: `zk://${zk.connectString}/mesos` });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('registers JSON MasterInfo under json.info_ znodes', async () => {
    const client = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: 5_000 });
    try {
      const children = (await client.getChildren('/mesos')).filter((c) => c.startsWith('json.info_')).sort();
      expect(children).toHaveLength(2);
      const info = JSON.parse((await client.getData(`/mesos/${children[0]}`)).data.toString('utf8'));
      const leader = cluster.leader()!;
      expect(info).toMatchObject({ id: leader.id, ip: 16777343, port: leader.port, pid: `master@127.0.0.1:${leader.port}`, version: '1.11.0', address: { ip: '127.0.0.1', port: leader.port } });
    } finally {
      await client.close();
    }
  });

  it('redirects from the non-leader to the leader, then fails over', async () => {
    const leader = cluster.leader()!;
    const follower = cluster.masters.find((m) => m !== leader)!;
    const redirected = await post(follower.url, JSON.stringify({ type: 'SUBSCRIBE', subscribe: { framework_info: frameworkInfo('ha') } }));
    expect(redirected.status).toBe(307);
    expect(redirected.headers.location).toBe(`//127.0.0.1:${leader.port}/master/api/v1/scheduler`);
    const probe = await post(follower.url.replace('/api/v1/scheduler', '/redirect'), '', {}, 'GET');
    expect(probe).toMatchObject({ status: 307, headers: { location: `//127.0.0.1:${leader.port}` } });

    const fw = new RawFramework(leader.url, frameworkInfo('ha', { partitionAware: true }));
    await fw.subscribe();
    autoAcknowledge(fw);
    const agentId = (await launchOnNextOffer(fw, 'survivor')).agent_id.value;
    await fw.update('survivor', 'TASK_RUNNING');

    await cluster.faults.failoverMaster();
    await fw.sub.whenEnded();
    const next = cluster.leader()!;
    expect(next).toBe(follower);

    const again = new RawFramework(next.url, frameworkInfo('ha', { partitionAware: true }));
    again.frameworkId = fw.frameworkId;
    await again.subscribe();
    expect(again.sub.events[0]!.type).toBe('SUBSCRIBED');
    expect(again.sub.events[0]!.subscribed.master_info.id).toBe(next.id);
    autoAcknowledge(again);
    await again.call('RECONCILE', { reconcile: { tasks: [{ task_id: { value: 'survivor' }, agent_id: { value: agentId } }] } });
    expect((await again.sub.waitFor((e) => e.type === 'UPDATE')).update.status.state).toBe('TASK_RUNNING');
    await again.offers();
    again.close();
  });
});
