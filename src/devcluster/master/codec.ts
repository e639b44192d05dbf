/**
 * The master's codec seam over `src/wire`: scheduler calls in, scheduler
 * events out, MasterInfo as the JSON a master writes into ZooKeeper.
 */
import type { mesos } from '../../../proto/gen/mesos';
import { CONTENT_TYPES, decodeSchedulerCall, encodeMessage, encodeSchedulerEvent, type Encoding } from '../../wire/codecs';

export type { Encoding };

export const MEDIA_TYPES: Readonly<Record<Encoding, string>> = CONTENT_TYPES;

/** Serializes one scheduler event (not framed). */
export function encodeEvent(event: mesos.v1.scheduler.IEvent, encoding: Encoding): Uint8Array {
  return encodeSchedulerEvent(event, encoding);
}

/** Parses one scheduler call body; throws (WireDecodeError) on malformed input. */
export function decodeCall(body: Uint8Array, encoding: Encoding): mesos.v1.scheduler.ICall {
  return decodeSchedulerCall(body, encoding);
}

/** MasterInfo as Mesos' JSON converter writes it. */
export function masterInfoJson(info: mesos.v1.IMasterInfo): string {
  return Buffer.from(encodeMessage('mesos.v1.MasterInfo', info, 'json')).toString('utf8');
}
