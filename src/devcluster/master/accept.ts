/**
 * ACCEPT: checks the offers as a whole, then applies LAUNCH and LAUNCH_GROUP
 * operations in order against what the offers hold, hands valid tasks to the
 * agent and returns (and filters) what is left.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { MasterContext } from './master-context';
import type { AgentRecord, FrameworkRecord, OfferRecord } from './master-state';
import { addFilter, refuseMs, removeOffer } from './offer-allocator';
import { Resources } from './resource-math';
import { isPartitionAware, masterStatus, sendUpdate } from './task-states';
import { checkTask } from './task-validation';

const OpType = mesos.v1.Offer.Operation.Type;
const Reason = mesos.v1.TaskStatus.Reason;

/** Why the offers of an ACCEPT cannot be used together, or undefined. */
export function offersError(ctx: MasterContext, framework: FrameworkRecord, ids: readonly string[]): string | undefined {
  if (ids.length === 0) return 'No offers specified';
  const seen = new Set<string>();
  let first: OfferRecord | undefined;
  for (const id of ids) {
    if (seen.has(id)) return `Duplicate offer ${id} in offer list`;
    seen.add(id);
    const offer = ctx.state.offers.get(id);
    if (!offer) return `Offer ${id} is no longer valid`;
    if (offer.frameworkId !== framework.id) return `Offer ${id} has invalid framework ${offer.frameworkId} while framework ${framework.id} is expected`;
    if (!first) first = offer;
    else if (offer.agentId !== first.agentId) return `Aggregated offers must belong to one single agent. Offer ${id} uses agent ${offer.agentId} and offer ${first.id} uses agent ${first.agentId}`;
    else if (offer.role !== first.role) return `Aggregated offers must be allocated to the same role. Offer ${id} uses role ${offer.role} and offer ${first.id} uses role ${first.role}`;
  }
  return undefined;
}

function launchedTasks(operations: readonly mesos.v1.Offer.IOperation[]): mesos.v1.ITaskInfo[] {
  return operations.flatMap((op) =>
    op.type === OpType.LAUNCH ? op.launch?.task_infos ?? [] : op.type === OpType.LAUNCH_GROUP ? op.launch_group?.task_group?.tasks ?? [] : [],
  );
}

class Launcher {
  remaining: Resources;
  readonly launching = new Set<string>();
  readonly startingExecutors = new Set<string>();
  readonly dispatch: Array<() => void> = [];

  constructor(private readonly ctx: MasterContext, private readonly framework: FrameworkRecord, private readonly agent: AgentRecord, offered: Resources) {
    this.remaining = offered;
  }

  private error(task: mesos.v1.ITaskInfo, reason: mesos.v1.TaskStatus.Reason, message: string): void {
    const status = masterStatus(this.ctx, { taskId: task.task_id?.value ?? '', state: mesos.v1.TaskState.TASK_ERROR, reason, message, agentId: this.agent.id });
    sendUpdate(this.ctx, this.framework.id, status);
  }

  /** Checks a group (or a single task) and, when valid, records it and queues the agent call. */
  launch(tasks: mesos.v1.ITaskInfo[], executor: mesos.v1.IExecutorInfo | undefined, inGroup: boolean, send: () => void): boolean {
    let needs = Resources.empty;
    let newExecutor: Resources | undefined;
    for (const task of tasks) {
      const input = { ctx: this.ctx, framework: this.framework, agentId: this.agent.id, task, launching: this.launching, startingExecutors: this.startingExecutors, inGroup };
      const check = checkTask(input, executor ?? (task.executor ?? undefined));
      const add = newExecutor && check.newExecutor ? check.needs.minus(check.newExecutor) : check.needs;
      const missingExecutor = inGroup && !executor ? "'LaunchGroup.executor' must be set" : undefined;
      const error =
        missingExecutor ?? check.error ?? (this.remaining.contains(needs.plus(add)) ? undefined : `Task uses more resources ${needs.plus(add)} than available ${this.remaining}`);
      if (error) {
        for (const t of tasks) this.error(t, inGroup ? Reason.REASON_TASK_GROUP_INVALID : Reason.REASON_TASK_INVALID, error);
        return false;
      }
      needs = needs.plus(add);
      newExecutor ??= check.newExecutor;
    }
    this.remaining = this.remaining.minus(needs);
    const executorInfo = executor ?? tasks[0]?.executor ?? undefined;
    if (executorInfo && newExecutor) {
      const executorId = executorInfo.executor_id!.value;
      this.startingExecutors.add(executorId);
      this.ctx.state.putExecutor({ frameworkId: this.framework.id, agentId: this.agent.id, executorId, resources: newExecutor });
    }
    for (const task of tasks) {
      const taskId = task.task_id!.value;
      this.launching.add(taskId);
      this.ctx.state.putTask({
        frameworkId: this.framework.id,
        taskId,
        agentId: this.agent.id,
        info: task,
        executorId: executorInfo?.executor_id?.value,
        state: mesos.v1.TaskState.TASK_STAGING,
        status: undefined,
        resources: Resources.from(task.resources),
        unreachableSinceMs: undefined,
      });
    }
    this.dispatch.push(send);
    return true;
  }
}

/** Handles an ACCEPT call (always answered 202; failures come back as task updates). */
export function accept(ctx: MasterContext, framework: FrameworkRecord, call: mesos.v1.scheduler.Call.IAccept): void {
  const ids = (call.offer_ids ?? []).map((o) => o.value);
  const operations = call.operations ?? [];
  const error = offersError(ctx, framework, ids);
  const offers = ids.map((id) => ctx.state.offers.get(id)).filter((o): o is OfferRecord => o !== undefined && o.frameworkId === framework.id);
  for (const offer of offers) removeOffer(ctx, offer, false);
  const agent = offers[0] && ctx.state.agents.get(offers[0].agentId);
  if (error || !agent || !agent.port) {
    const state = isPartitionAware(framework) ? mesos.v1.TaskState.TASK_DROPPED : mesos.v1.TaskState.TASK_LOST;
    const message = `Task launched with invalid offers: ${error ?? `agent ${offers[0]?.agentId} is not registered`}`;
    for (const task of launchedTasks(operations)) {
      sendUpdate(ctx, framework.id, masterStatus(ctx, { taskId: task.task_id?.value ?? '', state, reason: Reason.REASON_INVALID_OFFERS, message }));
    }
    return;
  }
  const port = agent.port;
  const offered = offers.reduce((sum, o) => sum.plus(o.resources), Resources.empty);
  const launcher = new Launcher(ctx, framework, agent, offered);
  for (const op of operations) {
    if (op.type === OpType.LAUNCH) {
      for (const task of op.launch?.task_infos ?? []) {
        launcher.launch([task], undefined, false, () => port.launch(framework.info, [task]));
      }
    } else if (op.type === OpType.LAUNCH_GROUP && op.launch_group) {
      const { executor, task_group: group } = op.launch_group;
      if ((group?.tasks ?? []).length === 0) continue;
      launcher.launch(group?.tasks ?? [], executor ?? undefined, true, () => port.launchGroup(framework.info, executor, group));
    } else {
      ctx.logger.warn({ frameworkId: framework.id, type: op.type }, 'the local master ignores offer operations other than LAUNCH and LAUNCH_GROUP');
    }
  }
  addFilter(ctx, offers[0]!, launcher.remaining, refuseMs(call.filters));
  for (const send of launcher.dispatch) send();
  ctx.allocateSoon();
}
