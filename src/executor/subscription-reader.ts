/**
 * One subscription attempt: sends SUBSCRIBE, reads the RecordIO event stream
 * until it ends, and reports how it ended. Never throws: every way the stream
 * can end (refused, non-200, EOF, a broken record, an ERROR event) comes back
 * as a typed error so the caller decides whether to re-subscribe.
 */
import type { Logger } from '../util/logger';
import { RecordIODecoder, decodeExecutorEvent, mesos, encodingOfContentType, executorEventTypeName, type ExecutorEvent } from '../wire';
import type { AgentConnection } from './agent-connection';
import { AgentConnectionError, AgentError, AgentHttpError, AgentStreamError } from './agent-http-error';

const EventType = mesos.v1.executor.Event.Type;

/** What one subscription attempt needs. */
export interface SubscriptionRequest {
  connection: AgentConnection;
  /** The encoded SUBSCRIBE call. */
  body: Uint8Array;
  contentType: string;
  logger: Logger;
  /** Called with a function that drops the connection, once it is open. */
  onOpen(close: () => void): void;
  /** True once the caller closed the client: stop without reporting events. */
  isClosed(): boolean;
  /** Every decoded event except ERROR, in order. */
  onEvent(event: ExecutorEvent): void;
}

/** How an attempt ended. */
export interface SubscriptionEnd {
  /** True when SUBSCRIBED arrived on this stream. */
  subscribed: boolean;
  /** Why it ended; undefined only when the caller closed it. */
  error?: Error;
}

/** Runs one subscription until its stream ends. */
export async function readSubscription(request: SubscriptionRequest): Promise<SubscriptionEnd> {
  const { connection } = request;
  let stream;
  try {
    stream = await connection.subscribe({ callType: 'SUBSCRIBE', body: request.body, contentType: request.contentType, accept: request.contentType });
  } catch (err) {
    return { subscribed: false, error: err instanceof AgentError ? err : new AgentConnectionError('SUBSCRIBE', connection.url, err) };
  }
  request.onOpen(stream.close);
  let subscribed = false;
  try {
    if (request.isClosed()) return { subscribed };
    if (stream.status !== 200) {
      const body = await stream.text().catch(() => '');
      return { subscribed, error: new AgentHttpError({ status: stream.status, body, callType: 'SUBSCRIBE', url: connection.url }) };
    }
    const encoding = encodingOfContentType(stream.contentType.split(';')[0]?.trim());
    if (encoding === undefined) {
      return { subscribed, error: new AgentStreamError(`the agent answered SUBSCRIBE with Content-Type ${JSON.stringify(stream.contentType)}; expected ${request.contentType}`) };
    }
    const decoder = new RecordIODecoder();
    for await (const chunk of stream.body) {
      for (const record of decoder.push(chunk)) {
        if (request.isClosed()) return { subscribed };
        const event = decodeExecutorEvent(record, encoding);
        request.logger.debug({ type: executorEventTypeName(event.type) ?? event.type }, 'event from the agent');
        if (event.type === EventType.ERROR) {
          return { subscribed, error: new AgentStreamError(`the agent sent ERROR: ${event.error?.message ?? '(no message)'}; re-subscribing`) };
        }
        if (event.type === EventType.SUBSCRIBED) subscribed = true;
        request.onEvent(event);
      }
    }
    decoder.end();
    return { subscribed, error: new AgentStreamError('the agent closed the subscription stream') };
  } catch (err) {
    if (request.isClosed()) return { subscribed };
    const error = err instanceof AgentError ? err : new AgentStreamError(`the subscription stream broke: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    return { subscribed, error };
  } finally {
    stream.close();
  }
}
