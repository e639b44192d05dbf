/**
 * The leading Mesos master fails over; the scheduler rides through it: it
 * re-subscribes with the same FrameworkID (to a fresh master at the same
 * address, or to the other master found through zk:// detection),
 * reconciles explicitly, and relaunches nothing.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import type { MesosAppFramework } from '../../../src';
import { useZooKeeper } from '../../helpers/zookeeper';
import { CountingApp, freshRoot, startFramework, until, watchCluster, stopAllFrameworks } from './harness';

jest.setTimeout(40_000);

/** Fails the master over and checks the framework comes back as itself, with every task reconciled and none launched again. */
async function failOver(cluster: LocalCluster, framework: MesosAppFramework, watched: ReturnType<typeof watchCluster>): Promise<void> {
  const nodes = () => framework.appFramework.getApp('steady')!.getNodes();
  const running = () => nodes().filter((n) => n.state === 'running').length === 2;
  await until(framework, running, 'two running nodes');
  const frameworkId = framework.appFramework.frameworkId!;
  const taskIds = nodes().map((n) => n.taskId!).sort();
  const runtime = framework.schedulerRuntime!;
  const subscribes = watched.calls.get('SUBSCRIBE') ?? 0;
  const reconciles = watched.calls.get('RECONCILE') ?? 0;
  let resubscribed = false;
  const off = runtime.onChange((c) => void (c.type === 'framework' && runtime.subscribed && (watched.calls.get('SUBSCRIBE') ?? 0) > subscribes && (resubscribed = true)));

  await cluster.faults.failoverMaster();
  await until(framework, () => resubscribed, 're-subscribed to the new leading master');
  off();
  expect(framework.appFramework.frameworkId).toBe(frameworkId);
  expect(cluster.leader()!.state.frameworks.get(frameworkId)?.stream).toBeDefined();
  await until(framework, () => (watched.calls.get('RECONCILE') ?? 0) > reconciles && runtime.currentTerm!.reconciler.outstanding().length === 0, 'every task reconciled');
  expect(runtime.currentTerm!.reconciler.sent.explicit).toBeGreaterThanOrEqual(1);
  expect(nodes().map((n) => n.taskId).sort()).toEqual(taskIds);
  expect(running()).toBe(true);
  for (const taskId of taskIds) expect(watched.launches.get(taskId)).toBe(1);
  expect([...watched.launches.keys()].filter((t) => t.startsWith('steady-'))).toHaveLength(2);
}

describe('master failover', () => {
  const zk = useZooKeeper();
  afterEach(stopAllFrameworks);

  it('re-subscribes to a fresh master at the same address, reconciles, and relaunches nothing', async () => {
    const cluster = await createTestCluster({ agents: 1 });
    try {
      const watched = watchCluster(cluster);
      const app = new CountingApp('steady', 2);
      const started = startFramework(cluster, zk.connectString, freshRoot('failover'), { connected: (fw) => fw.register(app).then(() => undefined) });
      await started.connected();
      await failOver(cluster, started.framework, watched);
      await started.framework.stop({ failover: false });
      await started.done;
    } finally {
      await cluster.stop();
    }
  });

  it('follows the new leader through zk:// detection with two masters', async () => {
    const cluster = await createTestCluster({ agents: 1, masters: 2, zk: `zk://${zk.connectString}/mesos-${process.pid}` });
    try {
      const watched = watchCluster(cluster);
      const config = { mesosInfo: { address: cluster.zk! } };
      const app = new CountingApp('steady', 2);
      const started = startFramework(cluster, zk.connectString, freshRoot('failover-zk'), { connected: (fw) => fw.register(app).then(() => undefined) }, {}, config);
      await started.connected();
      const before = cluster.leader()!;
      await failOver(cluster, started.framework, watched);
      expect(cluster.leader()).not.toBe(before);
      await started.framework.stop({ failover: false });
      await started.done;
    } finally {
      await cluster.stop();
    }
  });
});
