/**
 * How the agent completes a status update before recording it: every update
 * carries the agent id, a timestamp and a uuid (agent-generated updates get a
 * fresh one; an executor's is kept).
 */
import { mesos } from '../../../proto/gen/mesos';

/** What the agent adds to an update. */
export interface StatusStamp {
  agentId: string;
  /** Set when the update is about an executor's task and the update does not name one. */
  executorId?: string;
  nowMs: number;
  newUuid(): Uint8Array;
}

/** A copy of `status` with agent id, executor id, timestamp and uuid filled in where absent. */
export function stampStatus(status: mesos.v1.ITaskStatus, stamp: StatusStamp): mesos.v1.ITaskStatus {
  const out: mesos.v1.ITaskStatus = { ...status, agent_id: { value: stamp.agentId } };
  if (stamp.executorId !== undefined && (status.executor_id === null || status.executor_id === undefined)) {
    out.executor_id = { value: stamp.executorId };
  }
  if (status.timestamp === null || status.timestamp === undefined) out.timestamp = stamp.nowMs / 1000;
  if (status.uuid === null || status.uuid === undefined) out.uuid = stamp.newUuid();
  return out;
}

/** An update the agent itself (or its built-in command executor, `source` EXECUTOR) generates. */
export function agentStatus(
  taskId: string,
  state: mesos.v1.TaskState,
  fields: { reason?: mesos.v1.TaskStatus.Reason; message?: string; source?: mesos.v1.TaskStatus.Source } = {},
): mesos.v1.ITaskStatus {
  const status: mesos.v1.ITaskStatus = {
    task_id: { value: taskId },
    state,
    source: fields.source ?? mesos.v1.TaskStatus.Source.SOURCE_AGENT,
  };
  if (fields.reason !== undefined) status.reason = fields.reason;
  if (fields.message !== undefined) status.message = fields.message;
  return status;
}
