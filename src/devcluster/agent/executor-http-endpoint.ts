/**
 * The agent's executor API over HTTP on 127.0.0.1: `POST /api/v1/executor`
 * (also `/slave(1)/api/v1/executor`). This file owns the HTTP rules of §1
 * (methods, media types, status codes); what a call means is the
 * {@link ExecutorApi}'s business.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mesos } from '../../../proto/gen/mesos';
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { decodeExecutorCall, encodingOfContentType, type Encoding } from '../../wire';
import { AgentListenError } from './agent-errors';
import { validateExecutorCall } from './executor-call-validation';
import { ExecutorEventStream } from './executor-stream';

const PATHS = new Set(['/api/v1/executor', '/slave(1)/api/v1/executor']);
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const { Type } = mesos.v1.executor.Call;

/** A non-streaming answer: a status code and an optional plain-text body. */
export interface HttpAnswer {
  status: number;
  body?: string;
}

/** What the agent does with valid executor calls. */
export interface ExecutorApi {
  /** The 503 reason while executor calls cannot be served (the agent is recovering), else `undefined`. */
  unavailableReason(): string | undefined;
  /** A SUBSCRIBE: answer with an error, or call `open` and use the stream. */
  subscribe(call: mesos.v1.executor.ICall, open: () => ExecutorEventStream): HttpAnswer | undefined;
  /** An UPDATE; `then` runs after the 202 went out (the ACKNOWLEDGED event must follow it). */
  update(call: mesos.v1.executor.ICall): HttpAnswer & { then?: () => void };
  /** A MESSAGE. */
  message(call: mesos.v1.executor.ICall): HttpAnswer;
}

/** Picks the event encoding from an `Accept` header: JSON whenever acceptable, else protobuf, else none. */
export function negotiateEncoding(accept: string | undefined): Encoding | undefined {
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return { type, q: q === undefined ? 1 : Number(q.slice(2)) };
  });
  const quality = (mediaType: string): number => {
    const [major] = mediaType.split('/');
    let best = 0;
    for (const range of ranges) {
      if (range.type === mediaType || range.type === `${major}/*` || range.type === '*/*') best = Math.max(best, range.q || 0);
    }
    return best;
  };
  if (quality('application/json') > 0) return 'json';
  if (quality('application/x-protobuf') > 0) return 'protobuf';
  return undefined;
}

/** The HTTP server of one agent's executor API. */
export class ExecutorHttpEndpoint {
  private server: Server | undefined;

  constructor(
    private readonly api: ExecutorApi,
    private readonly clock: Clock,
    private readonly heartbeatIntervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** Listens on 127.0.0.1:`port` (0 = any free port); resolves with the port. */
  async listen(port: number): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) => reject(new AgentListenError(port, err)));
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every connection, open streams included. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!PATHS.has(path)) return answer(res, { status: 404 });
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return answer(res, { status: 405, body: `Expecting 'POST', received '${req.method}'` });
    }
    const unavailable = this.api.unavailableReason();
    if (unavailable !== undefined) return answer(res, { status: 503, body: unavailable });
    const contentType = req.headers['content-type'];
    if (contentType === undefined) return answer(res, { status: 400, body: "Expecting 'Content-Type' to be present" });
    const encoding = encodingOfContentType(contentType);
    if (encoding === undefined) {
      return answer(res, { status: 415, body: `Expecting 'Content-Type' of application/json or application/x-protobuf` });
    }
    let call: mesos.v1.executor.ICall;
    try {
      call = decodeExecutorCall(await readBody(req), encoding);
    } catch (err) {
      return answer(res, { status: 400, body: `Failed to parse body into Call: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (call.type === Type.HEARTBEAT) return answer(res, { status: 202 });
    const invalid = validateExecutorCall(call);
    if (invalid !== undefined) return answer(res, { status: 400, body: invalid });
    switch (call.type) {
      case Type.SUBSCRIBE: {
        const eventEncoding = negotiateEncoding(req.headers.accept);
        if (eventEncoding === undefined) {
          return answer(res, { status: 406, body: 'Expecting Accept to allow application/json or application/x-protobuf' });
        }
        const refusal = this.api.subscribe(
          call,
          () => new ExecutorEventStream(res, eventEncoding, this.clock, this.heartbeatIntervalMs, this.logger),
        );
        if (refusal !== undefined) answer(res, refusal);
        return;
      }
      case Type.UPDATE: {
        const result = this.api.update(call);
        answer(res, result);
        result.then?.();
        return;
      }
      case Type.MESSAGE:
        return answer(res, this.api.message(call));
      default:
        return answer(res, { status: 501, body: `Call type ${String(call.type)} is not implemented` });
    }
  }
}

function answer(res: ServerResponse, result: HttpAnswer): void {
  if (res.headersSent) return;
  const body = result.body ?? '';
  res.writeHead(result.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
