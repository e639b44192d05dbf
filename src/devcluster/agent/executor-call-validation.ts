/**
 * Validation of executor calls, as the agent does it before acting (§3.3).
 * Each check returns the plain-text reason of a 400, or `undefined`.
 */
import { mesos } from '../../../proto/gen/mesos';
import { isValidUuidBytes } from '../../wire';

const { Type } = mesos.v1.executor.Call;

/** The reason `call` is invalid, or `undefined` when it is valid. */
export function validateExecutorCall(call: mesos.v1.executor.ICall): string | undefined {
  if (!call.executor_id?.value) return "Expecting 'executor_id' to be present";
  if (!call.framework_id?.value) return "Expecting 'framework_id' to be present";
  if (call.type === null || call.type === undefined) return "Expecting 'type' to be present";
  switch (call.type) {
    case Type.SUBSCRIBE:
      return call.subscribe ? undefined : "Expecting 'subscribe' to be present";
    case Type.UPDATE:
      return validateUpdate(call);
    case Type.MESSAGE:
      return call.message ? undefined : "Expecting 'message' to be present";
    default:
      return undefined;
  }
}

function validateUpdate(call: mesos.v1.executor.ICall): string | undefined {
  const status = call.update?.status;
  if (!call.update || !status) return "Expecting 'update' to be present";
  if (status.uuid === null || status.uuid === undefined) return "Expecting 'uuid' to be present";
  if (!isValidUuidBytes(status.uuid)) return `Not a valid UUID: 'uuid' must be 16 bytes of an RFC 4122 UUID`;
  if (status.source !== mesos.v1.TaskStatus.Source.SOURCE_EXECUTOR) {
    return "Received Call from executor with invalid 'status.source': expecting SOURCE_EXECUTOR";
  }
  if (status.state === mesos.v1.TaskState.TASK_STAGING) return "Received TASK_STAGING from executor";
  if (status.executor_id && status.executor_id.value !== call.executor_id.value) {
    return `ExecutorID in Call: ${call.executor_id.value} does not match ExecutorID in TaskStatus: ${status.executor_id.value}`;
  }
  return undefined;
}
