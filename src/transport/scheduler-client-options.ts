/**
 * Options of {@link SchedulerClient}, and what a successful subscription reports.
 */
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { AuthHeaderProvider } from './interceptors/auth-interceptor';
import type { CallInterceptor } from './interceptors/call-interceptor';
import type { Encoding } from './scheduler-codec';

export interface SchedulerClientOptions {
  /**
   * Masters to SUBSCRIBE at, tried in turn after temporary failures: `host:port`,
   * `http://host:port` or full endpoint URLs. May be empty when a detector feeds
   * {@link SchedulerClient.useMaster}.
   */
  masters?: string | readonly string[];
  /** Encoding of request bodies (`Content-Type`). Default `json`. */
  requestEncoding?: Encoding;
  /** Encoding asked for the event stream (`Accept`). Default `json`. */
  eventEncoding?: Encoding;
  /** `Authorization` header for every request, e.g. {@link basicAuth}. */
  authorization?: AuthHeaderProvider;
  /** Extra interceptors, run after the built-in ones. */
  interceptors?: readonly CallInterceptor[];
  /** Timeout of each non-SUBSCRIBE call. Default 75 s. */
  callTimeoutMs?: number;
  /** Connections per master for non-SUBSCRIBE calls. Default 4. */
  callConnectionsPerMaster?: number;
  /** Bound on SUBSCRIBE response headers, per hop. Default 30 s. */
  subscribeHeadersTimeoutMs?: number;
  /** Bound on the whole subscription attempt, until SUBSCRIBED arrives. Default 30 s. */
  subscribeTimeoutMs?: number;
  /** Redirect hops followed per SUBSCRIBE before giving up. Default 9. */
  maxRedirects?: number;
  /** Heartbeat intervals of silence tolerated before the stream is declared dead. Default 5. */
  missedHeartbeats?: number;
  /** Overrides the silence limit computed from `heartbeat_interval_seconds` × `missedHeartbeats`. */
  heartbeatTimeoutMs?: number;
  /** Largest event accepted, in bytes. Default 16 MiB. */
  maxRecordBytes?: number;
  clock?: Clock;
  logger?: Logger;
}

/** What {@link SchedulerClient.subscribe} resolves with once SUBSCRIBED arrives. */
export interface SubscriptionInfo {
  /** This subscription's generation; events and disconnects carry it. */
  generation: number;
  /** The framework id from SUBSCRIBED; persist it before anything else. */
  frameworkId: string;
  /** The `Mesos-Stream-Id` of this subscription (echoed on every call). */
  streamId: string | undefined;
  /** The master serving the stream (after redirects). */
  url: string;
  /** `heartbeat_interval_seconds` from SUBSCRIBED, if the master sent it. */
  heartbeatIntervalSeconds: number | undefined;
  /** The silence after which the stream is declared dead. */
  heartbeatTimeoutMs: number;
  /** `master_info` from SUBSCRIBED, as a plain message. */
  masterInfo: unknown;
  /** The encoding of the event stream, from the response Content-Type. */
  eventEncoding: Encoding;
}
