/**
 * The task traffic between frameworks and agents: status updates relayed to
 * the scheduler (remembering the latest state, freeing resources on terminal
 * states), ACKNOWLEDGE relayed to the agent (forgetting a task once its
 * terminal update is acknowledged), KILL, SHUTDOWN and MESSAGE in both
 * directions, and executor exits.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { MasterContext } from './master-context';
import type { AgentRecord, FrameworkRecord } from './master-state';
import { has } from './presence';
import { reconcileExplicit } from './reconciliation';
import { Resources } from './resource-math';
import { isTerminalState, sendUpdate } from './task-states';

const Type = mesos.v1.scheduler.Event.Type;

function reachable(ctx: MasterContext, agentId: string | undefined): AgentRecord | undefined {
  const agent = agentId === undefined ? undefined : ctx.state.agents.get(agentId);
  return agent?.state === 'registered' && agent.port ? agent : undefined;
}

function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** An agent's status update: remembered for reconciliation, then relayed to the framework if it is connected. */
export function relayStatusUpdate(ctx: MasterContext, frameworkId: string, status: mesos.v1.ITaskStatus): void {
  const agentId = status.agent_id?.value;
  if (!reachable(ctx, agentId)) {
    ctx.logger.debug({ frameworkId, agentId }, 'dropping a status update from an agent that is not registered; it will retry');
    return;
  }
  const taskId = status.task_id.value;
  let task = ctx.state.task(frameworkId, taskId);
  if (!task) {
    task = { frameworkId, taskId, agentId: agentId!, info: { name: taskId, task_id: { value: taskId }, agent_id: { value: agentId! } }, executorId: status.executor_id?.value, state: status.state, status, resources: Resources.empty, unreachableSinceMs: undefined };
    ctx.state.putTask(task);
  }
  task.state = status.state;
  task.status = status;
  task.unreachableSinceMs = undefined;
  if (isTerminalState(status.state) && !task.resources.isEmpty()) {
    ctx.state.releaseTask(task);
    ctx.allocateSoon();
  }
  if (ctx.state.frameworks.get(frameworkId)?.stream?.isOpen) sendUpdate(ctx, frameworkId, status);
}

/** ACKNOWLEDGE: relayed to the agent; a task whose terminal update is acknowledged is forgotten. */
export function acknowledge(ctx: MasterContext, framework: FrameworkRecord, ack: mesos.v1.scheduler.Call.IAcknowledge): void {
  const taskId = ack.task_id.value;
  const agent = reachable(ctx, ack.agent_id.value);
  if (!agent) {
    ctx.logger.warn({ frameworkId: framework.id, agentId: ack.agent_id.value, taskId }, 'ignoring an acknowledgement for an agent that is not registered');
    return;
  }
  agent.port!.acknowledge(framework.id, taskId, ack.uuid);
  const task = ctx.state.task(framework.id, taskId);
  if (task && isTerminalState(task.state) && sameBytes(task.status?.uuid, ack.uuid)) ctx.state.deleteTask(framework.id, taskId);
}

/** KILL: a known task's kill goes to its agent; an unknown task gets an explicit reconciliation answer instead. */
export function kill(ctx: MasterContext, framework: FrameworkRecord, call: mesos.v1.scheduler.Call.IKill): void {
  const taskId = call.task_id.value;
  const task = ctx.state.task(framework.id, taskId);
  if (!task) {
    reconcileExplicit(ctx, framework, [{ task_id: { value: taskId }, ...(has(call, 'agent_id') ? { agent_id: call.agent_id } : {}) }]);
    return;
  }
  if (has(call, 'agent_id') && call.agent_id!.value !== task.agentId) return;
  const agent = reachable(ctx, task.agentId);
  if (!agent) {
    ctx.logger.warn({ frameworkId: framework.id, taskId, agentId: task.agentId }, 'cannot kill a task on an agent that is not registered; retry later');
    return;
  }
  agent.port!.kill(framework.id, taskId, call.kill_policy ?? undefined);
}

/** SHUTDOWN: asks the agent to shut a custom executor down. */
export function shutdownExecutor(ctx: MasterContext, framework: FrameworkRecord, call: mesos.v1.scheduler.Call.IShutdown): void {
  reachable(ctx, call.agent_id.value)?.port!.shutdownExecutor(framework.id, call.executor_id.value);
}

/** MESSAGE to an executor: best effort, silently dropped when the agent is not reachable. */
export function frameworkMessage(ctx: MasterContext, framework: FrameworkRecord, call: mesos.v1.scheduler.Call.IMessage): void {
  reachable(ctx, call.agent_id.value)?.port!.frameworkMessage(framework.id, call.executor_id.value, call.data);
}

/** An executor's MESSAGE, relayed as a MESSAGE event. */
export function executorMessage(ctx: MasterContext, frameworkId: string, executorId: string, agentId: string, data: Uint8Array): void {
  if (!reachable(ctx, agentId)) return;
  ctx.send(frameworkId, { type: Type.MESSAGE, message: { agent_id: { value: agentId }, executor_id: { value: executorId }, data } });
}

/** An executor exited: its resources are freed and the framework gets FAILURE with the wait status. */
export function executorExited(ctx: MasterContext, frameworkId: string, executorId: string, agentId: string, waitStatus: number): void {
  if (!reachable(ctx, agentId)) return;
  ctx.state.deleteExecutor(frameworkId, agentId, executorId);
  ctx.send(frameworkId, { type: Type.FAILURE, failure: { agent_id: { value: agentId }, executor_id: { value: executorId }, status: waitStatus } });
  ctx.allocateSoon();
}
