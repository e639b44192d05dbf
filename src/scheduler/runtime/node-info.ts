/**
 * A node's SchedulerNodeInfo as persisted text, and the ids catapult fills in.
 */
import { decodeMessage, encodeMessage, type catapult } from '../../wire';

const TYPE = 'catapult.SchedulerNodeInfo';
const decoder = new TextDecoder();

/** The info with its app and node ids set. */
export function withIds(info: catapult.ISchedulerNodeInfo, appId: string, nodeId: string): catapult.ISchedulerNodeInfo {
  return { ...info, app_id: { value: appId }, node_id: { value: nodeId } };
}

/** The info as JSON text (Mesos' JSON mapping: bytes are base64). */
export function nodeInfoToJson(info: catapult.ISchedulerNodeInfo): string {
  return decoder.decode(encodeMessage(TYPE, info, 'json'));
}

/** Reads JSON text back into a SchedulerNodeInfo. */
export function nodeInfoFromJson(text: string): catapult.ISchedulerNodeInfo {
  return decodeMessage<catapult.ISchedulerNodeInfo>(TYPE, new TextEncoder().encode(text), 'json');
}
