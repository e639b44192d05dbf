/**
 * Task-state facts the master relies on: Mesos' terminal set, the
 * partition-aware downgrade to TASK_LOST, and master-generated statuses.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { MasterContext } from './master-context';
import type { FrameworkRecord } from './master-state';

const S = mesos.v1.TaskState;

const PARTITION_AWARE_ONLY = new Set<mesos.v1.TaskState>([
  S.TASK_UNREACHABLE,
  S.TASK_DROPPED,
  S.TASK_GONE,
  S.TASK_GONE_BY_OPERATOR,
  S.TASK_UNKNOWN,
]);

/** True for the states Mesos itself treats as terminal: the wire layer's one definition. */
export { isTerminalTaskState as isTerminalState } from '../../wire/event-guards';

export function isPartitionAware(framework: FrameworkRecord | undefined): boolean {
  return framework?.capabilities.has(mesos.v1.FrameworkInfo.Capability.Type.PARTITION_AWARE) ?? false;
}

/** The state a framework is told: partition-aware states become TASK_LOST for frameworks without PARTITION_AWARE. */
export function stateFor(framework: FrameworkRecord | undefined, state: mesos.v1.TaskState): mesos.v1.TaskState {
  return PARTITION_AWARE_ONLY.has(state) && !isPartitionAware(framework) ? S.TASK_LOST : state;
}

export interface MasterStatusFields {
  taskId: string;
  state: mesos.v1.TaskState;
  reason: mesos.v1.TaskStatus.Reason;
  message: string;
  agentId?: string | undefined;
  executorId?: string | undefined;
  unreachableSinceMs?: number | undefined;
}

/** A master-generated status: source MASTER, stamped with the master's time, no uuid (never acknowledged). */
export function masterStatus(ctx: MasterContext, fields: MasterStatusFields): mesos.v1.ITaskStatus {
  const status: mesos.v1.ITaskStatus = {
    task_id: { value: fields.taskId },
    state: fields.state,
    message: fields.message,
    source: mesos.v1.TaskStatus.Source.SOURCE_MASTER,
    reason: fields.reason,
    timestamp: ctx.clock.now() / 1000,
  };
  if (fields.agentId !== undefined) status.agent_id = { value: fields.agentId };
  if (fields.executorId !== undefined) status.executor_id = { value: fields.executorId };
  if (fields.unreachableSinceMs !== undefined) status.unreachable_time = { nanoseconds: String(BigInt(Math.round(fields.unreachableSinceMs)) * 1_000_000n) };
  return status;
}

/** Sends an UPDATE event through the fault hooks (a healthy route delivers it once, now). */
export function sendUpdate(ctx: MasterContext, frameworkId: string, status: mesos.v1.ITaskStatus): void {
  const event: mesos.v1.scheduler.IEvent = { type: mesos.v1.scheduler.Event.Type.UPDATE, update: { status } };
  const deliver = (e: mesos.v1.scheduler.IEvent) => ctx.send(frameworkId, e);
  if (ctx.faults.relayUpdate) ctx.faults.relayUpdate(frameworkId, event, deliver);
  else deliver(event);
}
