/**
 * catapult's envelope of messages between a node and its executor:
 * `catapult.FrameworkMessage { task_id, data }` in binary protobuf (the Java
 * catapult's shape), so a message is routed to the node owning the task.
 */
import { decodeMessage, encodeMessage, type FrameworkMessage } from '../../wire';

const TYPE = 'catapult.FrameworkMessage';

/** Wraps `data` for the executor of `taskId`. */
export function wrapFrameworkMessage(taskId: string, data: Uint8Array): Uint8Array {
  return encodeMessage(TYPE, { task_id: { value: taskId }, data }, 'protobuf');
}

/** Unwraps an envelope; undefined when the bytes are not one or name no task. */
export function unwrapFrameworkMessage(bytes: Uint8Array): { taskId: string; data: Uint8Array } | undefined {
  try {
    const envelope = decodeMessage<FrameworkMessage>(TYPE, bytes, 'protobuf');
    const taskId = envelope.task_id?.value;
    return taskId ? { taskId, data: envelope.data ?? new Uint8Array(0) } : undefined;
  } catch {
    return undefined;
  }
}
