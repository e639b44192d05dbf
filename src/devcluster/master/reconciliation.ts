/**
 * RECONCILE answers, exactly per the fact sheet's §5.2 table. Answers are
 * master-generated UPDATEs: REASON_RECONCILIATION, SOURCE_MASTER, no uuid,
 * and only the status fields reconciliation preserves.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { MasterContext } from './master-context';
import type { FrameworkRecord, TaskRecord } from './master-state';
import { has } from './presence';
import { masterStatus, sendUpdate, stateFor } from './task-states';

const S = mesos.v1.TaskState;
const RECONCILIATION = mesos.v1.TaskStatus.Reason.REASON_RECONCILIATION;

/** The answer for a task the master knows: its latest state, with the fields reconciliation keeps. */
function knownTaskAnswer(ctx: MasterContext, framework: FrameworkRecord, task: TaskRecord): mesos.v1.ITaskStatus {
  const status = masterStatus(ctx, {
    taskId: task.taskId,
    state: stateFor(framework, task.state),
    reason: RECONCILIATION,
    message: 'Reconciliation: Latest task state',
    agentId: task.agentId,
    executorId: task.executorId,
    unreachableSinceMs: task.state === S.TASK_UNREACHABLE ? task.unreachableSinceMs : undefined,
  });
  const latest = task.status;
  if (latest && has(latest, 'healthy')) status.healthy = latest.healthy;
  if (latest?.container_status) status.container_status = latest.container_status;
  if (latest?.check_status) status.check_status = latest.check_status;
  return status;
}

/** The answer for a task the master does not know, or undefined when the master must stay silent (case 2). */
function unknownTaskAnswer(ctx: MasterContext, framework: FrameworkRecord, taskId: string, agentId: string | undefined): mesos.v1.ITaskStatus | undefined {
  const agent = agentId === undefined ? undefined : ctx.state.agents.get(agentId);
  const anyRecovering = [...ctx.state.agents.values()].some((a) => a.state === 'recovering');
  if (agent?.state === 'recovering' || (agentId === undefined && anyRecovering)) return undefined;
  const answer = (state: mesos.v1.TaskState, message: string, unreachableSinceMs?: number) =>
    masterStatus(ctx, { taskId, state: stateFor(framework, state), reason: RECONCILIATION, message, agentId, unreachableSinceMs });
  if (agent?.state === 'registered') return answer(S.TASK_GONE, 'Reconciliation: Task is unknown to the agent');
  if (agent?.state === 'unreachable') return answer(S.TASK_UNREACHABLE, 'Reconciliation: Task is unreachable', agent.unreachableSinceMs);
  return answer(S.TASK_UNKNOWN, 'Reconciliation: Task is unknown');
}

/** Explicit answers for the listed tasks (the KILL of an unknown task reuses this for one task). */
export function reconcileExplicit(ctx: MasterContext, framework: FrameworkRecord, tasks: readonly mesos.v1.scheduler.Call.Reconcile.ITask[]): void {
  for (const entry of tasks) {
    const taskId = entry.task_id?.value ?? '';
    const agentId = has(entry, 'agent_id') ? entry.agent_id!.value : undefined;
    const task = ctx.state.task(framework.id, taskId);
    const status = task ? knownTaskAnswer(ctx, framework, task) : unknownTaskAnswer(ctx, framework, taskId, agentId);
    if (status) sendUpdate(ctx, framework.id, status);
  }
}

/** Implicit reconciliation: the state of every task the master knows for the framework, nothing for the rest. */
export function reconcileImplicit(ctx: MasterContext, framework: FrameworkRecord): void {
  for (const task of ctx.state.tasksOf(framework.id)) sendUpdate(ctx, framework.id, knownTaskAnswer(ctx, framework, task));
}

/** RECONCILE: explicit when tasks are listed, implicit otherwise. */
export function reconcile(ctx: MasterContext, framework: FrameworkRecord, call: mesos.v1.scheduler.Call.IReconcile): void {
  const tasks = call.tasks ?? [];
  if (tasks.length > 0) reconcileExplicit(ctx, framework, tasks);
  else reconcileImplicit(ctx, framework);
}
