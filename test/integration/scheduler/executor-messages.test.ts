/**
 * Messages pass both ways between a node and its custom executor: the
 * scheduler wraps bytes in catapult's FrameworkMessage envelope, a plain-JS
 * executor (no catapult code) unwraps "ping" and answers "pong" in an
 * envelope for the same task, and the reply reaches that node's `message`.
 */
import { join } from 'node:path';
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { useZooKeeper } from '../../helpers/zookeeper';
import { CountingApp, RecordingNode, freshRoot, startFramework, until, stopAllFrameworks } from './harness';

jest.setTimeout(30_000);

const EXECUTOR = join(__dirname, '../../fixtures/executors/ping-pong-executor.js');

describe('node ↔ executor messages', () => {
  const zk = useZooKeeper();
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await createTestCluster({ agents: 1 });
  });
  afterEach(stopAllFrameworks);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('sends "ping" to the executor and receives its "pong" in the node', async () => {
    const app = new CountingApp('pingpong', 0);
    const started = startFramework(cluster, zk.connectString, freshRoot('pingpong'), { connected: (fw) => fw.register(app).then(() => undefined) });
    await started.connected();
    const node = new RecordingNode({ scheduler_container: { name: 'pinger', cpus: 0.1, memory: 32, executor: true, command: `${process.execPath} ${EXECUTOR}` } });
    await app.driver!.launchNode(node);
    await until(started.framework, () => node.state === 'running', 'the executor node running');

    await app.driver!.sendMessage(node, new TextEncoder().encode('ping'));
    const replies = () => RecordingNode.calls.filter((c) => c.nodeId === node.nodeId && c.callback === 'message');
    await until(started.framework, () => replies().length === 1, 'the executor\'s reply');
    expect(replies()[0]!.data).toBe('pong');

    await app.driver!.sendMessage(node, new TextEncoder().encode('hello'));
    await until(started.framework, () => replies().length === 2, 'the second reply');
    expect(replies()[1]!.data).toBe('echo:hello');
    const metrics = started.framework.schedulerRuntime!.metricsSnapshot();
    expect(metrics.messagesSent).toBe(2);
    expect(metrics.messagesReceived).toBe(2);

    await app.driver!.killNode(node);
    await until(started.framework, () => node.state === 'killed', 'the executor node killed');
    await started.framework.stop();
    await started.done;
  });
});
