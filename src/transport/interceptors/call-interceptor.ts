/**
 * The request pipeline's extension point: each cross-cutting behaviour
 * (stream id, credentials, framework id checks) is one interceptor in its own
 * file, run in order before a call goes on the wire (undici
 * `lib/interceptor/`, mesos-go `callrules`).
 */
import type { SchedulerCall } from '../scheduler-codec';

/** A call about to be sent, with the headers the interceptors may add to or check. */
export interface OutgoingCall {
  /** The call as built by the caller; interceptors validate it but do not replace it. */
  readonly call: SchedulerCall;
  /** The call type's name, e.g. `SUBSCRIBE`, `ACCEPT`. */
  readonly callType: string;
  /** Request headers, lower-case names. */
  readonly headers: Record<string, string>;
  /** The URL the call is about to go to (before any redirect). */
  readonly url: string;
}

/** Adds or checks something on an outgoing call; throws a typed error to stop it. */
export type CallInterceptor = (outgoing: OutgoingCall) => void | Promise<void>;

/** Runs `interceptors` in order over `outgoing`. */
export async function runInterceptors(interceptors: readonly CallInterceptor[], outgoing: OutgoingCall): Promise<void> {
  for (const interceptor of interceptors) await interceptor(outgoing);
}
