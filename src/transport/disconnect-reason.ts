/**
 * Why a subscription stream ended. Exactly one reason is reported per
 * established stream; the owner (the framework machine) decides whether to
 * re-subscribe, re-detect the leader or stop.
 */
import type { MesosHttpError } from './mesos-http-error';

/**
 * What an ERROR event on an established stream means (§2.5, §5.4):
 * `failed-over` — another SUBSCRIBE with our framework id replaced this stream
 * (expected after our own re-subscription, fatal if another instance did it);
 * `framework-removed` — the framework was torn down or its failover timeout
 * elapsed (subscribe as a new framework if desired); `other` — anything else.
 */
export type ErrorEventKind = 'failed-over' | 'framework-removed' | 'other';

/** Why a stream ended. */
export type DisconnectReason =
  /** The master sent an ERROR event and closed the stream. */
  | { kind: 'error'; message: string; errorKind: ErrorEventKind }
  /** The stream ended cleanly between records (the master closed it, or a proxy did). */
  | { kind: 'eof' }
  /** The stream ended inside a record or a length header. */
  | { kind: 'truncated'; cause?: unknown }
  /** A record could not be framed or decoded as an event. */
  | { kind: 'decode'; error: Error }
  /** The connection failed between records. */
  | { kind: 'socket'; error: Error }
  /** Nothing arrived for `silentMs` (the limit was `timeoutMs`). */
  | { kind: 'heartbeat'; silentMs: number; timeoutMs: number }
  /** A call was answered 307: the master is no longer the leader. */
  | { kind: 'redirected'; leaderUrl: string | undefined; error: MesosHttpError }
  /** A call was answered with a status meaning the subscription is gone (403 not subscribed, 400 stale stream id or unknown framework). */
  | { kind: 'subscription-lost'; error: MesosHttpError }
  /** The owner called `disconnect()` (e.g. the leader changed). */
  | { kind: 'requested'; note: string | undefined }
  /** The owner called `close()`. */
  | { kind: 'closed' };

/** Classifies an ERROR event's message. */
export function classifyErrorEvent(message: string): ErrorEventKind {
  if (/framework failed over/i.test(message)) return 'failed-over';
  if (/framework has been removed/i.test(message)) return 'framework-removed';
  return 'other';
}
