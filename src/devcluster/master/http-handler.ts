/**
 * The master's HTTP surface: `POST /api/v1/scheduler` (also
 * `/master/api/v1/scheduler`) and `GET /redirect` (also `/master/redirect`).
 *
 * Checks run in the order a Mesos 1.11 master runs them: leadership (307 or
 * 503), recovery (503), method (405), Content-Type (400/415), body (400),
 * call validation (400); then for SUBSCRIBE the Accept (406) and stream-id
 * (400) rules, and for other calls the framework (400), subscription (403)
 * and `Mesos-Stream-Id` (400) rules. Every non-2xx body is plain text.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mesos } from '../../../proto/gen/mesos';
import { callError, callTypeName } from './call-validation';
import { decodeCall, type Encoding } from './codec';
import { BadCallError, MasterHttpError, MasterUnavailableError, MethodNotAllowedError, NotLeaderRedirect, NotSubscribedError } from './errors';
import { EventStream } from './event-stream';
import { subscribe } from './frameworks';
import { randomUuid } from './ids';
import type { MasterContext } from './master-context';
import { requestEncoding, streamEncoding } from './media-types';
import { handleSchedulerCall } from './scheduler-calls';

const SCHEDULER_PATHS = new Set(['/api/v1/scheduler', '/master/api/v1/scheduler']);
const REDIRECT_PATHS = new Set(['/redirect', '/master/redirect']);
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** What the handler needs to know about the election. */
export interface Leadership {
  isLeader(): boolean;
  /** The leader's address, when one is known (this master's own when it leads). */
  leader(): { hostname: string; port: number } | undefined;
  /** True while a newly elected leader is still recovering. */
  isRecovering(): boolean;
}

function answer(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...(body ? { 'Content-Type': 'text/plain; charset=utf-8' } : {}), ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BadCallError(`Request body exceeds ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseCall(body: Buffer, encoding: Encoding): mesos.v1.scheduler.ICall {
  if (encoding === 'json') {
    try {
      JSON.parse(body.toString('utf8'));
    } catch (err) {
      throw new BadCallError(`Failed to parse body into JSON: ${(err as Error).message}`);
    }
  }
  try {
    return decodeCall(body, encoding);
  } catch (err) {
    if (encoding === 'protobuf') throw new BadCallError('Failed to parse body into Call protobuf');
    throw new BadCallError(`Failed to convert JSON into Call protobuf: ${(err as Error).message}`);
  }
}

function leaderCheck(leadership: Leadership, path: string): void {
  if (leadership.isLeader()) return;
  const leader = leadership.leader();
  if (!leader) throw new MasterUnavailableError('No leader elected');
  const target = path.startsWith('/master/') ? path : `/master${path}`;
  throw new NotLeaderRedirect(`//${leader.hostname}:${leader.port}${target}`);
}

async function scheduler(ctx: MasterContext, leadership: Leadership, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  leaderCheck(leadership, path);
  if (leadership.isRecovering()) throw new MasterUnavailableError('Master has not finished recovery');
  if (req.method !== 'POST') throw new MethodNotAllowedError(req.method ?? '');
  const encoding = requestEncoding(req.headers['content-type']);
  const call = parseCall(await readBody(req), encoding);
  const typeName = callTypeName(call.type);
  const injected = ctx.faults.beforeCall?.(typeName);
  if (injected) throw injected;
  const error = callError(call);
  if (error) throw new BadCallError(`Failed to validate scheduler::Call: ${error}`);
  const streamIdHeader = req.headers['mesos-stream-id'];

  if (call.type === mesos.v1.scheduler.Call.Type.SUBSCRIBE) {
    const eventEncoding = streamEncoding(req.headers['accept']);
    if (streamIdHeader !== undefined) throw new BadCallError("Subscribe calls should not include the 'Mesos-Stream-Id' header");
    const logger = ctx.logger;
    const stream = new EventStream({ response: res, encoding: eventEncoding, streamId: randomUuid(ctx.random), clock: ctx.clock, heartbeatIntervalMs: ctx.options.heartbeatIntervalMs, logger });
    subscribe(ctx, call.subscribe!, stream);
    return;
  }

  const frameworkId = call.framework_id!.value;
  const framework = ctx.state.frameworks.get(frameworkId);
  if (!framework) throw new BadCallError('Framework cannot be found');
  if (!framework.stream?.isOpen) throw new NotSubscribedError();
  if (streamIdHeader === undefined) throw new BadCallError("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
  if (streamIdHeader !== framework.stream.streamId) {
    throw new BadCallError(`The stream ID '${String(streamIdHeader)}' included in this request didn't match the stream ID currently associated with framework ID ${frameworkId}`);
  }
  ctx.logger.debug({ frameworkId, call: typeName }, 'scheduler call');
  answer(res, handleSchedulerCall(ctx, framework, call));
}

function redirect(leadership: Leadership, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET') throw new MethodNotAllowedError(req.method ?? '');
  const leader = leadership.leader();
  if (!leader) throw new MasterUnavailableError('No leader elected');
  answer(res, 307, '', { Location: `//${leader.hostname}:${leader.port}` });
}

/** The request listener of a master's HTTP server. */
export function createRequestHandler(ctx: MasterContext, leadership: Leadership): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const handled = SCHEDULER_PATHS.has(path)
      ? scheduler(ctx, leadership, req, res, path)
      : REDIRECT_PATHS.has(path)
        ? Promise.resolve().then(() => redirect(leadership, req, res))
        : Promise.resolve().then(() => answer(res, 404, `No handler for ${path}`));
    handled.catch((err: unknown) => {
      if (err instanceof MasterHttpError) {
        answer(res, err.status, err.message, err.headers);
        return;
      }
      ctx.logger.error({ err, path }, 'scheduler call failed');
      answer(res, 500, `Internal error: ${(err as Error)?.message ?? String(err)}`);
    });
  };
}
