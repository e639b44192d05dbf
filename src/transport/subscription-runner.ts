/**
 * Drives one subscription attempt from the SUBSCRIBE POST to the end of its
 * stream: capture the stream id and the event encoding from the 200, turn
 * the first event into an established subscription (or a rejection), feed the
 * heartbeat watchdog, and translate how the stream ended into one
 * {@link DisconnectReason}.
 */
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { SubscribeRejectedError, UnsupportedEventEncodingError } from './client-errors';
import { classifyErrorEvent, type DisconnectReason } from './disconnect-reason';
import { pumpEvents, type PumpEnd } from './event-pump';
import { HeartbeatWatchdog, heartbeatTimeoutMs } from './heartbeat-watchdog';
import { headerValue } from './http-exchange';
import { STREAM_ID_HEADER } from './interceptors/stream-id-interceptor';
import { DEFAULT_MAX_REDIRECTS } from './redirect';
import { encodingOf, errorMessage, subscribedFields, type Encoding, type SchedulerEvent } from './scheduler-codec';
import type { SchedulerClientOptions } from './scheduler-client-options';
import { DEFAULT_SUBSCRIBE_HEADERS_TIMEOUT_MS, openSubscription } from './subscribe-request';
import type { SubscriptionStream } from './subscription-stream';

/** What the runner needs from the client. */
export interface SubscriptionContext {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  clock: Clock;
  logger: Logger;
  options: SchedulerClientOptions;
  /** A master redirected to `url`. */
  onRedirect: (url: string) => void;
  /** False once the stream was replaced or ended: stop delivering. */
  isCurrent: () => boolean;
  /** Delivers an event of the established stream. */
  onEvent: (event: SchedulerEvent) => void;
  /** Ends the established stream with `reason`. */
  onDisconnect: (reason: DisconnectReason) => void;
  /** Fails the attempt before SUBSCRIBED. */
  fail: (err: unknown) => void;
}

/**
 * Runs the attempt. Resolves with how the stream ended when it ended before
 * SUBSCRIBED (the caller fails the attempt), else `undefined`.
 *
 * @throws what {@link openSubscription} throws, and {@link UnsupportedEventEncodingError}.
 */
export async function runSubscription(stream: SubscriptionStream, ctx: SubscriptionContext): Promise<PumpEnd | undefined> {
  const opened = await openSubscription({
    url: ctx.url,
    headers: ctx.headers,
    body: ctx.body,
    signal: stream.controller.signal,
    maxRedirects: ctx.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    headersTimeoutMs: ctx.options.subscribeHeadersTimeoutMs ?? DEFAULT_SUBSCRIBE_HEADERS_TIMEOUT_MS,
    logger: ctx.logger,
    onRedirect: (_from, to) => {
      stream.url = to;
      ctx.onRedirect(to);
    },
  });
  if (!ctx.isCurrent()) {
    opened.client.destroy().catch(() => undefined);
    return undefined;
  }
  stream.connection = opened.client;
  stream.url = opened.url;
  const contentType = headerValue(opened.response.headers, 'content-type');
  const encoding = encodingOf(contentType);
  if (encoding === undefined) throw new UnsupportedEventEncodingError(opened.url, contentType);
  stream.streamId = headerValue(opened.response.headers, STREAM_ID_HEADER);
  ctx.logger.debug({ url: opened.url, streamId: stream.streamId, encoding, generation: stream.generation }, 'SUBSCRIBE answered 200; reading events');

  const end = await pumpEvents(opened.response.body as AsyncIterable<Uint8Array>, {
    encoding,
    maxRecordBytes: ctx.options.maxRecordBytes,
    signal: stream.controller.signal,
    onEvent: (event) => handleEvent(stream, ctx, event, encoding),
  });
  if (end.kind === 'stopped') return undefined;
  if (!stream.subscribed) return end;
  ctx.onDisconnect(reasonOf(end));
  return undefined;
}

function handleEvent(stream: SubscriptionStream, ctx: SubscriptionContext, event: SchedulerEvent, encoding: Encoding): boolean {
  if (!ctx.isCurrent()) return false;
  const message = errorMessage(event);
  if (!stream.subscribed) {
    if (message !== undefined) {
      ctx.fail(new SubscribeRejectedError(stream.url ?? ctx.url, message));
      return false;
    }
    const fields = subscribedFields(event);
    if (!fields) {
      ctx.logger.warn({ event }, 'an event before SUBSCRIBED was dropped');
      return true;
    }
    const timeoutMs = ctx.options.heartbeatTimeoutMs ?? heartbeatTimeoutMs(fields.heartbeatIntervalSeconds, ctx.options.missedHeartbeats);
    stream.frameworkId = fields.frameworkId;
    stream.watchdog = new HeartbeatWatchdog({
      clock: ctx.clock,
      timeoutMs,
      onSilence: (silentMs) => ctx.onDisconnect({ kind: 'heartbeat', silentMs, timeoutMs }),
    });
    stream.established({
      generation: stream.generation,
      frameworkId: fields.frameworkId,
      streamId: stream.streamId,
      url: stream.url ?? ctx.url,
      heartbeatIntervalSeconds: fields.heartbeatIntervalSeconds,
      heartbeatTimeoutMs: timeoutMs,
      masterInfo: fields.masterInfo,
      eventEncoding: encoding,
    });
    ctx.onEvent(event);
    return ctx.isCurrent();
  }
  stream.watchdog?.alive();
  if (message !== undefined) {
    ctx.onDisconnect({ kind: 'error', message, errorKind: classifyErrorEvent(message) });
    return false;
  }
  ctx.onEvent(event);
  return ctx.isCurrent();
}

function reasonOf(end: Exclude<PumpEnd, { kind: 'stopped' }>): DisconnectReason {
  switch (end.kind) {
    case 'eof':
      return { kind: 'eof' };
    case 'truncated':
      return end.cause === undefined ? { kind: 'truncated' } : { kind: 'truncated', cause: end.cause };
    case 'decode':
      return { kind: 'decode', error: end.error };
    case 'socket':
      return { kind: 'socket', error: end.error };
  }
}
