/**
 * The two faults the demo shows, each narrated: a task's process is killed
 * (the node machine relaunches it after its backoff), and the leading
 * scheduler is killed (the standby is elected and restores every node
 * without relaunching any).
 */
import type { LocalCluster } from '../devcluster';
import type { Clock } from '../util/clock';
import { waitFor } from './poll';
import type { HelloState, SchedulerProcess } from './scheduler-process';

type NodeState = HelloState['apps'][number]['nodes'][number];

export interface StepContext {
  cluster: LocalCluster;
  clock: Clock;
  out: (line: string) => void;
  /** How long to wait for each outcome. */
  timeoutMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function nodesOf(state: HelloState): NodeState[] {
  return state.apps.flatMap((a) => a.nodes);
}

/** The nodes of a scheduler's state once it leads and `count` of them run; undefined until then. */
export async function runningNodes(scheduler: SchedulerProcess, count: number): Promise<NodeState[] | undefined> {
  const state = await scheduler.state();
  const nodes = nodesOf(state);
  return state.leading && nodes.length === count && nodes.every((n) => n.state === 'running') ? nodes : undefined;
}

/** The relaunch delay the node's journal shows: from entering `relaunching` to leaving it. */
function backoffMs(node: NodeState): number | undefined {
  const history = node.history;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.from !== 'relaunching') continue;
    const entered = history.slice(0, i).reverse().find((h) => h.to === 'relaunching');
    return entered ? history[i]!.at - entered.at : undefined;
  }
  return undefined;
}

/** Kills one running task's process on its agent and narrates its relaunch. */
export async function failOneTask(ctx: StepContext, leader: SchedulerProcess): Promise<void> {
  const state = await leader.state();
  const victim = nodesOf(state).find((n) => n.state === 'running' && n.taskId && n.agentId);
  if (!victim || !state.frameworkId) throw new Error('no running task to fail');
  const agent = ctx.cluster.agents.find((a) => a.agentId === victim.agentId);
  const pid = agent?.registry.task(state.frameworkId, victim.taskId!)?.command?.pid;
  const killedAt = ctx.clock.now();
  if (pid !== undefined) {
    ctx.out(`» killing task ${victim.taskId} (pid ${pid} on agent ${victim.agentId}) as a crash would`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      process.kill(pid, 'SIGKILL');
    }
  } else {
    ctx.out(`» killing task ${victim.taskId} on agent ${victim.agentId} from the agent`);
    agent?.kill(state.frameworkId, victim.taskId!);
  }
  const relaunched = await waitFor(
    `${victim.id} to run again`,
    async () => nodesOf(await leader.state()).find((n) => n.id === victim.id && (n.incarnation ?? 0) > (victim.incarnation ?? 0) && n.state === 'running'),
    { clock: ctx.clock, timeoutMs: ctx.timeoutMs, abort: () => leader.exitError() },
  );
  const backoff = backoffMs(relaunched);
  ctx.out(
    `  ${victim.taskId} failed → relaunched as ${relaunched.taskId}` +
      `${backoff === undefined ? '' : ` after ${seconds(backoff)} backoff`}, running again ${seconds(ctx.clock.now() - killedAt)} after the kill`,
  );
}

/**
 * SIGKILLs the leading scheduler (no clean stop: its ZooKeeper session has
 * to expire) and narrates the standby's election and restore.
 */
export async function failLeader(ctx: StepContext, leader: SchedulerProcess, standby: SchedulerProcess, nodeCount: number): Promise<void> {
  const before = new Map(nodesOf(await leader.state()).map((n) => [n.id, n]));
  const killedAt = ctx.clock.now();
  ctx.out(`» killing leader pid ${leader.pid} (scheduler ${leader.label}) with SIGKILL`);
  await leader.kill('SIGKILL');
  await waitFor(`scheduler ${standby.label} to be elected`, async () => ((await standby.isLeading()) ? true : undefined), {
    clock: ctx.clock,
    timeoutMs: ctx.timeoutMs,
    intervalMs: 100,
    abort: () => standby.exitError(),
  });
  const electedMs = ctx.clock.now() - killedAt;
  const nodes = await waitFor(`scheduler ${standby.label} to restore ${nodeCount} running nodes`, () => runningNodes(standby, nodeCount), {
    clock: ctx.clock,
    timeoutMs: ctx.timeoutMs,
    abort: () => standby.exitError(),
  });
  const restored = nodes.filter((n) => before.has(n.id)).length;
  const relaunched = nodes.filter((n) => before.get(n.id)?.taskId !== n.taskId).length;
  ctx.out(
    `  standby (scheduler ${standby.label}, pid ${standby.pid}) elected in ${seconds(electedMs)}, ` +
      `${restored} nodes restored, ${relaunched} relaunched`,
  );
}
