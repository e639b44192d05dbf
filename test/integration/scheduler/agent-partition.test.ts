/**
 * An agent is cut off: its node goes unreachable, and once the unreachable
 * timeout passes it is relaunched on the other agent. When the partition
 * heals, the old task reports RUNNING again and is killed: never two live
 * copies of one node.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { mesos } from '../../../src/wire';
import { useZooKeeper } from '../../helpers/zookeeper';
import { CountingApp, freshRoot, startFramework, until, watchCluster, stopAllFrameworks } from './harness';

jest.setTimeout(30_000);

const LIVE = new Set([mesos.v1.TaskState.TASK_STAGING, mesos.v1.TaskState.TASK_STARTING, mesos.v1.TaskState.TASK_RUNNING, mesos.v1.TaskState.TASK_KILLING]);

describe('agent partition', () => {
  const zk = useZooKeeper();
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await createTestCluster({ agents: 2 });
    watchCluster(cluster);
  });
  afterEach(stopAllFrameworks);
  afterAll(async () => {
    await cluster?.stop();
  });

  /** Live tasks of a node across every agent, as the agents see them. */
  const liveCopies = (frameworkId: string, nodeId: string) =>
    cluster.agents.flatMap((agent) =>
      agent.registry
        .taskReports()
        .filter((r) => r.frameworkId === frameworkId && r.task.task_id?.value?.startsWith(`${nodeId}.`) && LIVE.has(r.state))
        .map((r) => ({ agentId: agent.agentId, taskId: r.task.task_id?.value })),
    );

  it('marks the node unreachable, relaunches it elsewhere after the timeout, and kills the old copy on heal', async () => {
    const app = new CountingApp('split', 1);
    const started = startFramework(cluster, zk.connectString, freshRoot('split'), { connected: (fw) => fw.register(app).then(() => undefined) }, {
      runtime: { nodeDefaults: { unreachableTimeoutMs: 300, backoffInitialMs: 100 } },
    });
    const node = () => app.getNodes()[0]!;
    await until(started.framework, () => node()?.state === 'running', 'the node running');
    const frameworkId = started.framework.appFramework.frameworkId!;
    const first = { taskId: node().taskId!, agentId: node().agentId! };
    const other = cluster.agents.find((a) => a.agentId !== first.agentId)!;

    const states: string[] = [];
    const off = started.framework.schedulerRuntime!.onChange((c) => void (c.type === 'node' && states.push(c.to)));
    cluster.faults.partitionAgent(first.agentId);
    await until(started.framework, () => node().state === 'running' && node().incarnation === 2, 'the node running again as incarnation 2');
    off();
    expect(states[0]).toBe('unreachable');
    // `lost` passes straight on to `relaunching`; the journal has it, with the timer that caused it.
    const journal = node().context!.history.map((h) => [h.to, h.cause.kind === 'timer' ? h.cause.name : h.cause.kind]);
    expect(journal).toEqual(expect.arrayContaining([['unreachable', 'mesos'], ['lost', 'unreachable'], ['relaunching', 'unreachable']]));
    expect(node().agentId).toBe(other.agentId);
    expect(node().taskId).toBe(`${node().nodeId}.2`);

    cluster.faults.healAgent(first.agentId);
    // The healed agent reports the old task; the scheduler kills it (its stale TASK_KILLED is journaled and acknowledged).
    await until(started.framework, () => node().context!.history.some((h) => h.cause.kind === 'mesos' && h.cause.taskId === first.taskId && h.cause.state === 'TASK_KILLED' && h.cause.stale === true), 'the old copy killed');
    expect(liveCopies(frameworkId, node().nodeId!)).toEqual([{ agentId: other.agentId, taskId: `${node().nodeId}.2` }]);
    expect(node().state).toBe('running');
    await started.framework.stop({ failover: false });
    await started.done;
  });
});
