/**
 * A scheduler restart on the same ZooKeeper: the first instance dies
 * abruptly (its session closed, its stream gone, no TEARDOWN), a new
 * MesosAppFramework restores the user's subclasses by name, re-subscribes
 * with the same FrameworkID, reconciles explicitly, does not run
 * `initialized` again and launches nothing twice. And when Mesos has
 * removed the framework meanwhile: one callback, one log line, no retry;
 * or, with 'register-new', a new FrameworkID.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { FrameworkRemovedError } from '../../../src';
import { useZooKeeper } from '../../helpers/zookeeper';
import { crashableElection } from './crashable-election';
import { CountingApp, RecordingNode, freshRoot, startFramework, testLogger, until, watchCluster, stopAllFrameworks } from './harness';

jest.setTimeout(30_000);

describe('scheduler restart', () => {
  const zk = useZooKeeper();
  let cluster: LocalCluster;
  let watched: ReturnType<typeof watchCluster>;

  beforeAll(async () => {
    cluster = await createTestCluster({ agents: 1 });
    watched = watchCluster(cluster);
  });
  afterEach(stopAllFrameworks);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('restores apps and nodes as the same classes, re-subscribes as the same framework, reconciles, and relaunches nothing', async () => {
    const root = freshRoot('restart');
    const crashable = crashableElection(zk.connectString, root);
    const before = CountingApp.initializations;
    const keep = new CountingApp('keep', 3);
    const first = startFramework(cluster, zk.connectString, root, { connected: (fw) => fw.register(keep).then(() => undefined) }, { runtime: { election: crashable.election } });
    await until(first.framework, () => first.framework.appFramework.getApp('keep')?.getNodes().filter((n) => n.state === 'running').length === 3, 'three running nodes');
    const frameworkId = first.framework.appFramework.frameworkId!;
    const taskIds = first.framework.appFramework.getApp('keep')!.getNodes().map((n) => n.taskId).sort();
    expect(CountingApp.initializations).toBe(before + 1);

    await crashable.crash();
    expect(cluster.leader()!.state.frameworks.get(frameworkId)?.stream).toBeUndefined();

    const subscribesBefore = watched.calls.get('SUBSCRIBE') ?? 0;
    const reconcilesBefore = watched.calls.get('RECONCILE') ?? 0;
    const restored: unknown[] = [];
    const second = startFramework(cluster, zk.connectString, root, {
      connected: async (fw) => {
        restored.push(fw.getApp('keep'));
        await fw.register(new CountingApp('keep', 3));
      },
    });
    await second.connected();
    const framework = second.framework;
    expect(framework.appFramework.frameworkId).toBe(frameworkId);
    expect(restored[0]).toBeInstanceOf(CountingApp);
    const app = framework.appFramework.getApp('keep')!;
    expect(app.getNodes()).toHaveLength(3);
    expect(app.getNodes().every((n) => n instanceof RecordingNode)).toBe(true);

    // Explicit reconciliation of the three live tasks; every one answers RUNNING.
    await until(framework, () => (watched.calls.get('RECONCILE') ?? 0) > reconcilesBefore && framework.schedulerRuntime!.currentTerm!.reconciler.sent.explicit >= 1, 'an explicit RECONCILE');
    await until(framework, () => framework.schedulerRuntime!.currentTerm!.reconciler.outstanding().length === 0, 'every task reconciled');
    expect(app.getNodes().map((n) => n.state)).toEqual(['running', 'running', 'running']);
    expect(app.getNodes().map((n) => n.taskId).sort()).toEqual(taskIds);
    expect(CountingApp.initializations).toBe(before + 1);
    expect(watched.calls.get('SUBSCRIBE')).toBe(subscribesBefore + 1);
    for (const taskId of taskIds) expect(watched.launches.get(taskId!)).toBe(1);

    await framework.stop({ failover: false });
    await second.done;
    await first.framework.stop();
  });

  it('reports a framework Mesos removed once, logs it once, and stops without retrying', async () => {
    const root = freshRoot('removed');
    // failover_timeout 0: the master removes the framework the moment its scheduler goes away.
    const config = { mesosInfo: { address: cluster.masterUrl, failoverTimeoutSeconds: 0 } };
    const first = startFramework(cluster, zk.connectString, root, { connected: (fw) => fw.register(new CountingApp('gone', 1)).then(() => undefined) }, {}, config);
    await until(first.framework, () => first.framework.appFramework.getApp('gone')?.getNodes()[0]?.state === 'running', 'a running node');
    const frameworkId = first.framework.appFramework.frameworkId!;
    await first.framework.stop();
    await first.done;
    expect(cluster.leader()!.state.removedFrameworks.has(frameworkId)).toBe(true);

    const lines: Array<{ level: string; msg: string; obj: unknown }> = [];
    const removed: string[] = [];
    const subscribesBefore = watched.calls.get('SUBSCRIBE') ?? 0;
    const second = startFramework(cluster, zk.connectString, root, { frameworkRemoved: (_fw, id) => void removed.push(id) }, { logger: testLogger({}, lines) }, config);
    await expect(second.done).rejects.toMatchObject({ code: 'CATAPULT_FRAMEWORK_REMOVED', frameworkId });
    await expect(second.done).rejects.toBeInstanceOf(FrameworkRemovedError);
    expect(removed).toEqual([frameworkId]);
    expect(lines.filter((l) => l.level === 'error' || l.level === 'warn').filter((l) => /removed/i.test(l.msg))).toHaveLength(1);
    expect(watched.calls.get('SUBSCRIBE')).toBe(subscribesBefore + 1);
    expect(second.framework.leading).toBe(false);
  });

  it("registers as a new framework with onFrameworkRemoved: 'register-new'", async () => {
    const root = freshRoot('register-new');
    const config = { mesosInfo: { address: cluster.masterUrl, failoverTimeoutSeconds: 0 }, onFrameworkRemoved: 'register-new' as const };
    const first = startFramework(cluster, zk.connectString, root, { connected: (fw) => fw.register(new CountingApp('again', 1)).then(() => undefined) }, {}, config);
    await until(first.framework, () => first.framework.appFramework.getApp('again')?.getNodes()[0]?.state === 'running', 'a running node');
    const oldId = first.framework.appFramework.frameworkId!;
    await first.framework.stop();
    await first.done;

    const removed: string[] = [];
    const second = startFramework(cluster, zk.connectString, root, { frameworkRemoved: (_fw, id) => void removed.push(id) }, {}, config);
    await second.connected();
    const newId = second.framework.appFramework.frameworkId!;
    expect(newId).not.toBe(oldId);
    expect(removed).toEqual([oldId]);
    // The restored node's task died with the old framework: reconciliation finds it gone and the node runs again.
    const node = () => second.framework.appFramework.getApp('again')!.getNodes()[0]!;
    await until(second.framework, () => node().state === 'running' && (node().incarnation ?? 0) >= 2, 'the node relaunched under the new framework');
    await second.framework.stop({ failover: false });
    await second.done;
  });
});
