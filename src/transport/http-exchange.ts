/**
 * One POST through an undici dispatcher, with network failures turned into
 * {@link MasterUnreachableError} and helpers for the parts of a response the
 * client reads. Redirects are never followed here: undici follows nothing
 * unless told to, and a POST must be replayed by hand (§1.8).
 */
import type { Dispatcher } from 'undici';
import type { AbortSource } from './call-deadline';
import { MasterUnreachableError } from './client-errors';
import { originOf, pathOf } from './redirect';

/** Non-2xx bodies are short reasons; more than this is cut, since it is only ever shown to people. */
const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

/** The response of a POST, body not yet read. */
export type PostResponse = Dispatcher.ResponseData;

/** Where a POST goes, parsed once per URL. */
export interface PostTarget {
  url: string;
  origin: string;
  path: string;
}

/** Parses `url` into a {@link PostTarget}. */
export function postTarget(url: string): PostTarget {
  return { url, origin: originOf(url), path: pathOf(url) };
}

/**
 * POSTs `body` to `target` on `dispatcher`.
 *
 * @throws the abort reason when `signal` aborts; {@link MasterUnreachableError} for any other failure before the headers.
 */
export async function postBytes(
  dispatcher: Dispatcher,
  target: string | PostTarget,
  headers: Record<string, string>,
  body: Uint8Array,
  signal: AbortSignal | (AbortSource & NodeJS.EventEmitter),
  callType: string,
): Promise<PostResponse> {
  const { url, origin, path } = typeof target === 'string' ? postTarget(target) : target;
  try {
    return await dispatcher.request({ origin, path, method: 'POST', headers, body, signal });
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    throw new MasterUnreachableError(url, callType, err);
  }
}

/** One header's value as a single string (undici gives arrays for repeated headers). */
export function headerValue(headers: PostResponse['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0];
  return value ?? undefined;
}

/** Reads a (short, plain-text) error body; never fails, returns what it got. */
export async function readErrorText(response: PostResponse): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= ERROR_BODY_LIMIT_BYTES) break;
    }
  } catch {
    // A reason cut short is still worth showing.
  }
  response.body.destroy();
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT_BYTES).toString('utf8');
}

/** Discards a body the client has no use for, so the connection can be reused. */
export async function discardBody(response: PostResponse): Promise<void> {
  try {
    await response.body.dump();
  } catch {
    // Nothing to read: the connection will simply not be reused.
  }
}
