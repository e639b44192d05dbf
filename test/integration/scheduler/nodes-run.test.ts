/**
 * The scheduler on a local cluster: nodes reach running, a failed task is
 * relaunched after its backoff as a new incarnation, and a node the user
 * killed stays killed.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { useZooKeeper } from '../../helpers/zookeeper';
import { CountingApp, RecordingNode, commandNode, freshRoot, startFramework, statesOf, until, stopAllFrameworks } from './harness';

jest.setTimeout(60_000);

describe('scheduler runtime on a local cluster', () => {
  const zk = useZooKeeper();
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await createTestCluster({ agents: 2, resources: 'cpus:4;mem:4096;disk:1000;ports:[31000-31100]' });
  });
  afterEach(stopAllFrameworks);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('launches five nodes that reach running, with task ids <nodeId>.1', async () => {
    const app = new CountingApp('five', 5);
    const started = startFramework(cluster, zk.connectString, freshRoot('five'), { connected: (fw) => fw.register(app).then(() => undefined) });
    const runningCalls = () => RecordingNode.calls.filter((c) => c.callback === 'running' && c.nodeId?.startsWith('five-'));
    await until(started.framework, () => statesOf(started.framework, 'five').filter((s) => s === 'running').length === 5 && runningCalls().length === 5, 'five running nodes');
    const nodes = app.getNodes();
    expect(nodes.map((n) => n.taskId).sort()).toEqual(['five-0.1', 'five-1.1', 'five-2.1', 'five-3.1', 'five-4.1']);
    expect(nodes.every((n) => n.agentId && n.hostname)).toBe(true);
    expect(runningCalls()).toHaveLength(5);
    const metrics = started.framework.schedulerRuntime!.metricsSnapshot();
    expect(metrics.acksSent).toBeGreaterThanOrEqual(5);
    expect(metrics.offersAccepted).toBeGreaterThanOrEqual(1);
    await started.framework.stop();
    await started.done;
  });

  it('relaunches a failed task after its backoff with incarnation 2, and a killed node stays killed', async () => {
    const app = new CountingApp('flaky', 0);
    const started = startFramework(cluster, zk.connectString, freshRoot('flaky'), { connected: (fw) => fw.register(app).then(() => undefined) }, {
      runtime: { nodeDefaults: { backoffInitialMs: 200 } },
    });
    await started.connected();
    const failing = new RecordingNode(commandNode('exit 3'));
    const steady = new RecordingNode(commandNode('sleep 30'));
    await app.driver!.launchNode(failing);
    await app.driver!.launchNode(steady);
    const failedCalled = () => RecordingNode.calls.some((c) => c.nodeId === failing.nodeId && c.callback === 'failed');
    await until(started.framework, () => (failing.incarnation ?? 0) >= 2 && failedCalled(), 'a second incarnation');
    expect(failing.taskId).toBe(`${failing.nodeId}.${failing.incarnation}`);
    const history = failing.context!.history.map((h) => h.to);
    expect(history).toEqual(expect.arrayContaining(['failed', 'relaunching', 'pending']));

    await until(started.framework, () => steady.state === 'running', 'the steady node running');
    await app.driver!.killNode(steady);
    await until(started.framework, () => steady.state === 'killed', 'the steady node killed');
    // Killed by the user: no relaunch is scheduled.
    expect(steady.context!.deadlines.relaunch).toBeUndefined();
    expect(steady.incarnation).toBe(1);
    await app.driver!.killNode(failing);
    await started.framework.stop();
    await started.done;
  });

  it('pauses a running node (its task killed, no relaunch) and resumes it as a new incarnation', async () => {
    const app = new CountingApp('pausable', 0);
    const started = startFramework(cluster, zk.connectString, freshRoot('pausable'), { connected: (fw) => fw.register(app).then(() => undefined) });
    await started.connected();
    const node = new RecordingNode(commandNode('sleep 30'));
    await app.driver!.launchNode(node);
    await until(started.framework, () => node.state === 'running', 'the node running');
    await app.driver!.pauseNode(node);
    await until(started.framework, () => node.state === 'paused', 'the node paused');
    expect(node.context!.deadlines.relaunch).toBeUndefined();
    expect(node.incarnation).toBe(1);
    await app.driver!.resumeNode(node);
    await until(started.framework, () => node.state === 'running' && node.incarnation === 2, 'the node running again as incarnation 2');
    await app.driver!.killNode(node);
    await started.framework.stop();
    await started.done;
  });
});
