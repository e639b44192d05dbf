/**
 * What the transport needs to know about scheduler calls and events, on top
 * of the wire codecs: the media types, a call's type name, and the few event
 * shapes that drive the subscription (SUBSCRIBED, ERROR).
 */
import {
  CONTENT_TYPES,
  decodeSchedulerEvent,
  encodeSchedulerCall,
  isError,
  isSubscribed,
  mesos,
  schedulerCallTypeName,
  type Encoding,
  type SchedulerCall,
  type SchedulerEvent,
} from '../wire';

export { decodeSchedulerEvent, encodeSchedulerCall };
export type { Encoding, SchedulerCall, SchedulerEvent };

/** The name of a call's type, e.g. `ACCEPT` (`UNKNOWN` when absent). */
export function callTypeName(call: SchedulerCall): string {
  const type = call.type;
  if (typeof type !== 'number') return 'UNKNOWN';
  return schedulerCallTypeName(type) ?? `TYPE_${type}`;
}

/** The statuses that mean success for a call type: 200 for UPDATE_FRAMEWORK (and RECONCILE_OPERATIONS on old masters), else 202. */
export function isSuccessStatus(callType: string, status: number): boolean {
  if (status === 202) return true;
  return status === 200 && (callType === 'UPDATE_FRAMEWORK' || callType === 'RECONCILE_OPERATIONS');
}

/** The Content-Type / Accept value of an encoding. */
export function mediaType(encoding: Encoding): string {
  return CONTENT_TYPES[encoding];
}

/** The encoding a response Content-Type names, or `undefined` when it is neither JSON nor protobuf. */
export function encodingOf(contentType: string | undefined): Encoding | undefined {
  const base = contentType?.split(';')[0]?.trim().toLowerCase();
  for (const encoding of Object.keys(CONTENT_TYPES) as Encoding[]) {
    if (CONTENT_TYPES[encoding] === base) return encoding;
  }
  return undefined;
}

/** What a SUBSCRIBED event says. */
export interface SubscribedFields {
  frameworkId: string;
  heartbeatIntervalSeconds: number | undefined;
  masterInfo: unknown;
}

/** The SUBSCRIBED fields of `event`, or `undefined` if it is not SUBSCRIBED. */
export function subscribedFields(event: SchedulerEvent): SubscribedFields | undefined {
  if (!isSubscribed(event)) return undefined;
  const interval = event.subscribed.heartbeat_interval_seconds;
  return {
    frameworkId: event.subscribed.framework_id?.value ?? '',
    heartbeatIntervalSeconds: typeof interval === 'number' ? interval : undefined,
    masterInfo: event.subscribed.master_info ?? undefined,
  };
}

/** The message of an ERROR event, or `undefined` if `event` is not ERROR. */
export function errorMessage(event: SchedulerEvent): string | undefined {
  if (event.type !== mesos.v1.scheduler.Event.Type.ERROR) return undefined;
  return isError(event) && typeof event.error.message === 'string' ? event.error.message : '';
}
