/**
 * A node:http server that plays a Mesos master in a test. Every request is
 * queued; the test takes it with `await master.next()` and answers it by hand,
 * so each test controls exactly what the client sees, with no sleeps.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES, decodeSchedulerCall, encodeRecord, encodeSchedulerEvent, type Encoding, type SchedulerCall, type SchedulerEvent } from '../../../src/wire';

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  res: ServerResponse;
  /** The body decoded as a Call in the request's Content-Type (undefined for GET or garbage). */
  call: SchedulerCall | undefined;
}

export const SUBSCRIBED = 1;
export const HEARTBEAT = 8;
export const ERROR = 7;
export const OFFERS = 2;

export class FakeMaster {
  private readonly queue: FakeRequest[] = [];
  private readonly waiters: Array<(r: FakeRequest) => void> = [];
  readonly requests: FakeRequest[] = [];

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(): Promise<FakeMaster> {
    let master: FakeMaster | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => master?.accept(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    master = new FakeMaster(server, (server.address() as AddressInfo).port);
    return master;
  }

  /** `http://127.0.0.1:<port>/api/v1/scheduler` */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/v1/scheduler`;
  }

  get hostPort(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The next request, waiting for it if none is queued. */
  next(): Promise<FakeRequest> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const encoding = req.headers['content-type'] === CONTENT_TYPES.protobuf ? 'protobuf' : 'json';
    let call: SchedulerCall | undefined;
    try {
      call = body.length > 0 ? decodeSchedulerCall(body, encoding) : undefined;
    } catch {
      call = undefined;
    }
    const request: FakeRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, res, call };
    this.requests.push(request);
    const waiter = this.waiters.shift();
    if (waiter) waiter(request);
    else this.queue.push(request);
  }
}

/** Answers 200 with the stream headers and leaves the body open. */
export function openStream(res: ServerResponse, options: { streamId?: string; encoding?: Encoding } = {}): void {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[options.encoding ?? 'json'] };
  if (options.streamId !== undefined) headers['mesos-stream-id'] = options.streamId;
  res.writeHead(200, headers);
  res.flushHeaders();
}

/** The RecordIO bytes of `event`. */
export function record(event: SchedulerEvent, encoding: Encoding = 'json'): Buffer {
  return Buffer.from(encodeRecord(encodeSchedulerEvent(event, encoding)));
}

/** Writes one event record on an open stream. */
export function sendEvent(res: ServerResponse, event: SchedulerEvent, encoding: Encoding = 'json'): void {
  res.write(record(event, encoding));
}

export function subscribedEvent(frameworkId = 'fw-1', heartbeatIntervalSeconds = 15): SchedulerEvent {
  return { type: SUBSCRIBED, subscribed: { framework_id: { value: frameworkId }, heartbeat_interval_seconds: heartbeatIntervalSeconds } };
}

export const heartbeatEvent: SchedulerEvent = { type: HEARTBEAT };

export function errorEvent(message: string): SchedulerEvent {
  return { type: ERROR, error: { message } };
}

/** Answers with a status and a plain-text body. */
export function answer(res: ServerResponse, status: number, text = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}
