/**
 * catapult's envelope for messages between a node's scheduler side and its
 * executor: `catapult.FrameworkMessage { task_id, data }` in binary protobuf,
 * the shape the Java catapult used, so the scheduler can route a message to
 * the node that owns the task.
 */
import { decodeMessage, encodeMessage, type FrameworkMessage } from '../wire';

const TYPE = 'catapult.FrameworkMessage';

/** Wraps `data` for the scheduler node that owns `taskId`. */
export function encodeFrameworkMessage(taskId: string, data: Uint8Array): Uint8Array {
  return encodeMessage(TYPE, { task_id: { value: taskId }, data }, 'protobuf');
}

/** Unwraps an envelope. Throws the wire's decode error when `bytes` is not one. */
export function decodeFrameworkMessage(bytes: Uint8Array): { taskId: string | undefined; data: Uint8Array } {
  const envelope = decodeMessage<FrameworkMessage>(TYPE, bytes, 'protobuf');
  return { taskId: envelope.task_id?.value ?? undefined, data: envelope.data ?? new Uint8Array(0) };
}
