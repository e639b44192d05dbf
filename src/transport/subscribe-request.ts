/**
 * Opening a subscription: the SUBSCRIBE POST on a dedicated connection,
 * following 307s by hand up to a hop limit, until a master answers 200 with
 * an event stream.
 *
 * Each hop gets a fresh undici `Client` with `pipelining: 1` so nothing else
 * ever shares the socket that will carry the stream, `bodyTimeout: 0` because
 * the stream is idle between heartbeats (the watchdog judges liveness), and a
 * finite `headersTimeout`.
 */
import { Client } from 'undici';
import type { Logger } from '../util/logger';
import { TooManyRedirectsError } from './client-errors';
import { headerValue, postBytes, readErrorText, discardBody, type PostResponse } from './http-exchange';
import { MesosHttpError } from './mesos-http-error';
import { originOf, resolveRedirect } from './redirect';

/** A default bound on waiting for the SUBSCRIBE response headers (§1.5). */
export const DEFAULT_SUBSCRIBE_HEADERS_TIMEOUT_MS = 30_000;

export interface SubscribeRequest {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  signal: AbortSignal;
  maxRedirects: number;
  headersTimeoutMs: number;
  logger: Logger;
  /** Called with each master that redirected and the leader it named. */
  onRedirect: (from: string, to: string) => void;
}

/** A 200 to SUBSCRIBE: the stream, the connection it lives on, and where it came from. */
export interface OpenedStream {
  url: string;
  response: PostResponse;
  /** The dedicated connection; destroy it to end the stream. */
  client: Client;
}

/**
 * Sends SUBSCRIBE, following redirects, and returns the open stream.
 *
 * @throws {MesosHttpError} for a non-200, non-307 answer (the body text attached);
 *   {@link TooManyRedirectsError}; {@link BadRedirectError}; {@link MasterUnreachableError}.
 */
export async function openSubscription(request: SubscribeRequest): Promise<OpenedStream> {
  const hops: string[] = [request.url];
  let url = request.url;
  for (;;) {
    const client = new Client(originOf(url), { pipelining: 1, bodyTimeout: 0, headersTimeout: request.headersTimeoutMs });
    let keep = false;
    try {
      const response = await postBytes(client, url, request.headers, request.body, request.signal, 'SUBSCRIBE');
      if (response.statusCode === 200) {
        keep = true;
        return { url, response, client };
      }
      if (response.statusCode !== 307) {
        throw new MesosHttpError({ status: response.statusCode, body: await readErrorText(response), callType: 'SUBSCRIBE', url });
      }
      const location = headerValue(response.headers, 'location');
      await discardBody(response);
      const next = resolveRedirect(url, location);
      request.logger.info({ from: url, to: next, location }, 'SUBSCRIBE redirected to the leading master');
      request.onRedirect(url, next);
      hops.push(next);
      if (hops.length - 1 > request.maxRedirects) throw new TooManyRedirectsError('SUBSCRIBE', hops, request.maxRedirects);
      url = next;
    } finally {
      if (!keep) client.destroy().catch(() => undefined);
    }
  }
}
