/**
 * Agents on the master: registration and re-registration (after a master
 * failover, a partition or a restart), and loss (stopped or partitioned),
 * with what the frameworks see: RESCIND, FAILURE and task updates
 * (TASK_UNREACHABLE for partition-aware frameworks, TASK_LOST otherwise, and
 * the running state again when the agent comes back).
 */
import { mesos } from '../../../proto/gen/mesos';
import type { AgentPort, AgentRegistration } from '../agent-link';
import type { MasterContext } from './master-context';
import type { AgentRecord, TaskRecord } from './master-state';
import { rescindOffersOn } from './offer-allocator';
import { Resources } from './resource-math';
import { isTerminalState, masterStatus, sendUpdate } from './task-states';

const S = mesos.v1.TaskState;
const Reason = mesos.v1.TaskStatus.Reason;

function notify(ctx: MasterContext, task: TaskRecord, state: mesos.v1.TaskState, reason: mesos.v1.TaskStatus.Reason, message: string): void {
  const status = masterStatus(ctx, { taskId: task.taskId, state, reason, message, agentId: task.agentId, executorId: task.executorId, unreachableSinceMs: task.unreachableSinceMs });
  task.status = status;
  const framework = ctx.state.frameworks.get(task.frameworkId);
  const shown = state === S.TASK_UNREACHABLE && !framework?.capabilities.has(mesos.v1.FrameworkInfo.Capability.Type.PARTITION_AWARE) ? S.TASK_LOST : state;
  sendUpdate(ctx, task.frameworkId, { ...status, state: shown });
}

function mergeReportedTasks(ctx: MasterContext, agent: AgentRecord, registration: AgentRegistration): void {
  const reported = new Set<string>();
  for (const report of registration.tasks) {
    const taskId = report.task.task_id.value;
    reported.add(`${report.frameworkId}\u0000${taskId}`);
    const known = ctx.state.task(report.frameworkId, taskId);
    const terminal = isTerminalState(report.state);
    const task: TaskRecord = known ?? {
      frameworkId: report.frameworkId,
      taskId,
      agentId: agent.id,
      info: report.task,
      executorId: report.task.executor?.executor_id?.value,
      state: report.state,
      status: undefined,
      resources: Resources.empty,
      unreachableSinceMs: undefined,
    };
    const wasUnreachable = known?.state === S.TASK_UNREACHABLE;
    task.state = report.state;
    task.resources = terminal ? Resources.empty : Resources.from(report.resources);
    ctx.state.putTask(task);
    if (wasUnreachable && !terminal) notify(ctx, task, report.state, Reason.REASON_AGENT_REREGISTERED, `Agent ${agent.info.hostname} reregistered`);
    task.unreachableSinceMs = undefined;
  }
  for (const task of ctx.state.tasksOn(agent.id)) {
    if (reported.has(`${task.frameworkId}\u0000${task.taskId}`)) continue;
    ctx.state.deleteTask(task.frameworkId, task.taskId);
    if (!isTerminalState(task.state)) notify(ctx, task, S.TASK_GONE, Reason.REASON_AGENT_RESTARTED, 'Task is unknown to the re-registered agent');
  }
  for (const { frameworkId, executorInfo } of registration.executors) {
    const executorId = executorInfo.executor_id.value;
    if (!ctx.state.executor(frameworkId, agent.id, executorId)) {
      ctx.state.putExecutor({ frameworkId, agentId: agent.id, executorId, resources: Resources.from(executorInfo.resources) });
    }
  }
}

/** An agent (re-)registers: it becomes offerable, and its reported tasks replace what the master knew of them. */
export function registerAgent(ctx: MasterContext, port: AgentPort, registration: AgentRegistration): void {
  const id = registration.info.id?.value || port.agentId || ctx.ids.agent();
  const info = { ...registration.info, id: { value: id } };
  const existing = ctx.state.agents.get(id);
  const agent: AgentRecord = existing ?? { id, info, port, state: 'registered', total: Resources.empty, unreachableSinceMs: undefined };
  agent.info = info;
  agent.port = port;
  agent.total = Resources.from(info.resources);
  agent.state = 'registered';
  agent.unreachableSinceMs = undefined;
  ctx.state.agents.set(id, agent);
  ctx.registry.admit(info);
  port.registered?.(id);
  mergeReportedTasks(ctx, agent, registration);
  ctx.logger.info({ agentId: id, hostname: info.hostname, resources: agent.total.toString(), rejoined: existing !== undefined }, 'agent registered');
  ctx.allocateSoon();
}

/** An agent is unreachable (stopped, partitioned, or did not re-register in time). */
export function markAgentUnreachable(ctx: MasterContext, agentId: string): void {
  const agent = ctx.state.agents.get(agentId);
  if (!agent || agent.state === 'unreachable') return;
  const now = ctx.clock.now();
  agent.state = 'unreachable';
  agent.unreachableSinceMs = now;
  ctx.registry.markUnreachable(agentId, now);
  ctx.logger.warn({ agentId }, 'agent unreachable');
  rescindOffersOn(ctx, agentId);
  for (const framework of ctx.state.frameworks.values()) {
    ctx.send(framework.id, { type: mesos.v1.scheduler.Event.Type.FAILURE, failure: { agent_id: { value: agentId } } });
  }
  for (const task of ctx.state.tasksOn(agentId)) {
    if (isTerminalState(task.state)) continue;
    task.state = S.TASK_UNREACHABLE;
    task.unreachableSinceMs = now;
    notify(ctx, task, S.TASK_UNREACHABLE, Reason.REASON_AGENT_REMOVED, `Agent ${agent.info.hostname} is unreachable`);
  }
}

/**
 * Agents a newly elected master knows from the registry: they are
 * "recovering" until they re-register, and are marked unreachable if they
 * have not within the re-registration timeout.
 */
export function recoverAgentsFromRegistry(ctx: MasterContext): void {
  for (const known of ctx.registry.list()) {
    const id = known.info.id!.value;
    if (ctx.state.agents.has(id)) continue;
    const unreachable = known.unreachableSinceMs !== undefined;
    ctx.state.agents.set(id, { id, info: known.info, port: undefined, state: unreachable ? 'unreachable' : 'recovering', total: Resources.from(known.info.resources), unreachableSinceMs: known.unreachableSinceMs });
  }
  ctx.clock.setTimeout(() => {
    for (const agent of ctx.state.agents.values()) if (agent.state === 'recovering') markAgentUnreachable(ctx, agent.id);
  }, ctx.options.agentReregisterTimeoutMs);
}
