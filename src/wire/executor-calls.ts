/**
 * Constructors of executor Calls. Each returns a plain `mesos.v1.executor.Call`
 * and sends nothing. Every executor call carries both ids.
 *
 * @example
 * const call = executorCalls.update(frameworkId, executorId, {
 *   task_id: { value: 'web-0.1' }, state: mesos.v1.TaskState.TASK_RUNNING,
 *   source: mesos.v1.TaskStatus.Source.SOURCE_EXECUTOR, uuid: newUuidBytes(),
 * })
 */
import { mesos } from '../../proto/gen/mesos';
import { toId, type IdLike } from './ids';
import type { ExecutorCall, ExecutorCallUpdate, TaskInfo, TaskStatus } from './types';

const CallType = mesos.v1.executor.Call.Type;

/** What an executor replays when it (re-)subscribes. */
export interface ExecutorSubscribeOptions {
  /** Tasks received but without any acknowledged update yet. */
  unacknowledgedTasks?: TaskInfo[];
  /** Updates sent but not yet ACKNOWLEDGED by the agent. */
  unacknowledgedUpdates?: ExecutorCallUpdate[];
}

/** SUBSCRIBE. `subscribe` is always present (`{}` when there is nothing to replay), as the agent requires. */
export function subscribe(
  frameworkId: IdLike,
  executorId: IdLike,
  options: ExecutorSubscribeOptions = {},
): ExecutorCall {
  const body: mesos.v1.executor.Call.ISubscribe = {};
  if (options.unacknowledgedTasks && options.unacknowledgedTasks.length > 0) {
    body.unacknowledged_tasks = [...options.unacknowledgedTasks];
  }
  if (options.unacknowledgedUpdates && options.unacknowledgedUpdates.length > 0) {
    body.unacknowledged_updates = [...options.unacknowledgedUpdates];
  }
  return { executor_id: toId(executorId), framework_id: toId(frameworkId), type: CallType.SUBSCRIBE, subscribe: body };
}

/**
 * UPDATE. The agent requires `status.uuid` (16 bytes, see newUuidBytes),
 * `status.source = SOURCE_EXECUTOR` and a state other than TASK_STAGING.
 */
export function update(frameworkId: IdLike, executorId: IdLike, status: TaskStatus): ExecutorCall {
  return { executor_id: toId(executorId), framework_id: toId(frameworkId), type: CallType.UPDATE, update: { status } };
}

/** MESSAGE: best-effort bytes to the scheduler. */
export function message(frameworkId: IdLike, executorId: IdLike, data: Uint8Array): ExecutorCall {
  return { executor_id: toId(executorId), framework_id: toId(frameworkId), type: CallType.MESSAGE, message: { data } };
}

/**
 * HEARTBEAT: keeps a call connection alive through middleboxes. The agent
 * answers before checking the ids, so they default to `unused` as in the C++ library.
 */
export function heartbeat(frameworkId: IdLike = 'unused', executorId: IdLike = 'unused'): ExecutorCall {
  return { executor_id: toId(executorId), framework_id: toId(frameworkId), type: CallType.HEARTBEAT };
}
