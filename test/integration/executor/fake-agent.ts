/**
 * A small fake Mesos agent executor endpoint for tests: node:http, RecordIO
 * framed by hand, JSON events. It records every call, answers SUBSCRIBE with
 * a stream (or with queued error statuses), can acknowledge updates
 * automatically, and lets a test push any event or cut the stream.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the executor sent, as parsed JSON plus its headers. */
export interface RecordedCall {
  type: string;
  body: any;
  headers: IncomingMessage['headers'];
}

export interface FakeAgentOptions {
  /** Send ACKNOWLEDGED for every UPDATE right after answering 202. Default true. */
  autoAcknowledge?: boolean;
  /** Framework capabilities announced in SUBSCRIBED, e.g. ['TASK_KILLING_STATE']. */
  capabilities?: string[];
  /** Listen on this Unix socket (as with --http_executor_domain_sockets) instead of TCP. */
  socketPath?: string;
}

type Waiter = { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void };

export class FakeAgent {
  readonly calls: RecordedCall[] = [];
  /** Statuses to answer the next SUBSCRIBEs with instead of a stream, e.g. [503]. */
  readonly subscribeFailures: Array<{ status: number; body: string }> = [];
  autoAcknowledge: boolean;
  private stream: ServerResponse | undefined;
  private waiters: Waiter[] = [];
  private server: Server;
  private port = 0;

  constructor(private readonly options: FakeAgentOptions = {}) {
    this.autoAcknowledge = options.autoAcknowledge ?? true;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    const socketPath = this.options.socketPath;
    if (socketPath !== undefined) {
      await new Promise<void>((resolve) => this.server.listen(socketPath, resolve));
      return this;
    }
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.stream?.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The environment a real agent would give an executor it launches. */
  env(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      MESOS_FRAMEWORK_ID: 'fw-1',
      MESOS_EXECUTOR_ID: 'exec-1',
      MESOS_SLAVE_ID: 'agent-1',
      MESOS_AGENT_ENDPOINT: `127.0.0.1:${this.port}`,
      MESOS_SLAVE_PID: `slave(1)@127.0.0.1:${this.port}`,
      MESOS_CHECKPOINT: '0',
      MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: '5secs',
      ...(this.options.socketPath === undefined ? {} : { MESOS_DOMAIN_SOCKET: this.options.socketPath, MESOS_AGENT_ENDPOINT: '127.0.0.1:1' }),
      ...overrides,
    };
  }

  /** Pushes one event (a plain JSON object) on the open stream, RecordIO-framed. */
  send(event: object): void {
    if (!this.stream) throw new Error('no subscription stream is open');
    const bytes = Buffer.from(JSON.stringify(event), 'utf8');
    this.stream.write(Buffer.concat([Buffer.from(`${bytes.length}\n`, 'ascii'), bytes]));
  }

  launch(taskId: string, extra: object = {}): void {
    this.send({ type: 'LAUNCH', launch: { task: { name: taskId, task_id: { value: taskId }, agent_id: { value: 'agent-1' }, ...extra } } });
  }

  acknowledge(call: RecordedCall): void {
    const status = call.body.update.status;
    this.send({ type: 'ACKNOWLEDGED', acknowledged: { task_id: status.task_id, uuid: status.uuid } });
  }

  /** Ends the current stream as an agent restart would. */
  cutStream(): void {
    this.stream?.destroy();
    this.stream = undefined;
  }

  /** Ends the current stream cleanly, after what was sent (as after a SHUTDOWN). */
  endStream(): void {
    this.stream?.end();
    this.stream = undefined;
  }

  get hasStream(): boolean {
    return this.stream !== undefined;
  }

  /** Resolves with the first call (past or future) matching `predicate`. */
  waitFor(predicate: (call: RecordedCall) => boolean): Promise<RecordedCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  /** Resolves with the `n`th call of `type` (1-based). */
  nth(type: string, n: number): Promise<RecordedCall> {
    return this.waitFor((call) => call.type === type && this.calls.filter((c) => c.type === type).indexOf(call) === n - 1);
  }

  /** Resolves with the first UPDATE in `state`. */
  update(state: string): Promise<RecordedCall> {
    return this.waitFor((call) => call.type === 'UPDATE' && call.body.update.status.state === state);
  }

  /** The states of the UPDATE calls so far. */
  get updateStates(): string[] {
    return this.calls.filter((c) => c.type === 'UPDATE').map((c) => c.body.update.status.state);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers['content-type'] !== 'application/json') {
      res.writeHead(415).end('Unsupported Content-Type');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const call: RecordedCall = { type: body.type, body, headers: req.headers };
    this.calls.push(call);
    if (call.type === 'SUBSCRIBE') this.subscribe(res);
    else res.writeHead(202).end();
    if (call.type === 'UPDATE' && this.autoAcknowledge && this.stream) this.acknowledge(call);
    this.notify(call);
  }

  private subscribe(res: ServerResponse): void {
    const failure = this.subscribeFailures.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'text/plain' }).end(failure.body);
      return;
    }
    this.stream?.destroy();
    res.writeHead(200, { 'content-type': 'application/json' });
    this.stream = res;
    res.on('close', () => {
      if (this.stream === res) this.stream = undefined;
    });
    this.send({
      type: 'SUBSCRIBED',
      subscribed: {
        executor_info: { executor_id: { value: 'exec-1' }, command: { value: './executor' } },
        framework_info: { user: 'root', name: 'test-framework', capabilities: (this.options.capabilities ?? []).map((type) => ({ type })) },
        agent_info: { hostname: 'localhost' },
      },
    });
  }

  private notify(call: RecordedCall): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (waiter.predicate(call)) waiter.resolve(call);
      else this.waiters.push(waiter);
    }
  }
}

/** The 16 raw bytes of a base64 uuid from a JSON call. */
export function uuidBytes(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}

/** True for 16 bytes with version 4 and the RFC 4122 variant. */
export function isV4Uuid(bytes: Buffer): boolean {
  return bytes.length === 16 && bytes[6]! >> 4 === 4 && (bytes[8]! & 0xc0) === 0x80;
}
