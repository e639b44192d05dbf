/**
 * One dashboard URL that survives a failover: a small HTTP proxy that
 * forwards every request to the dashboard of whichever scheduler leads now.
 * It re-asks the schedulers who leads every `refreshMs` (and at once when a
 * forward fails), so a page that reconnects after the leader died lands on
 * the new leader.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, TimerHandle } from '../util/clock';
import { DemoPortInUseError } from './demo-errors';

/** A scheduler the proxy may forward to. */
export interface ProxyTarget {
  readonly label: string;
  readonly dashboardPort: number;
  /** Where GETs go when nothing listens on the dashboard port (a build without the dashboard): the scheduler's own /api/state server. */
  readonly httpPort?: number;
  isLeading(): Promise<boolean>;
}

export interface LeaderProxyOptions {
  port: number;
  host?: string;
  targets: () => readonly ProxyTarget[];
  clock: Clock;
  refreshMs?: number;
}

export class LeaderProxy {
  private leader: ProxyTarget | undefined;
  private timer: TimerHandle | undefined;
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly options: LeaderProxyOptions,
  ) {}

  /** Starts the proxy. @throws {DemoPortInUseError} when the port is taken. */
  static async start(options: LeaderProxyOptions): Promise<LeaderProxy> {
    let proxy: LeaderProxy | undefined;
    const server = createServer((req, res) => proxy!.forward(req, res));
    proxy = new LeaderProxy(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new DemoPortInUseError(options.port) : err));
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
    proxy.schedule(0);
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** The scheduler requests go to now. */
  get current(): ProxyTarget | undefined {
    return this.leader;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.timer?.cancel();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.timer?.cancel();
    this.timer = this.options.clock.setTimeout(() => void this.refresh().finally(() => this.schedule(this.options.refreshMs ?? 500)), delayMs);
  }

  private async refresh(): Promise<void> {
    for (const target of this.options.targets()) {
      if (await target.isLeading().catch(() => false)) {
        this.leader = target;
        return;
      }
    }
    this.leader = undefined;
  }

  private forward(req: IncomingMessage, res: ServerResponse, port?: number): void {
    const target = this.leader;
    if (!target) return this.unavailable(res, 'No scheduler leads right now (an election is under way); retry in a few seconds.');
    const to = port ?? target.dashboardPort;
    const upstream = request({ host: '127.0.0.1', port: to, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${to}` } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-catapult-leader': target.label });
      answer.pipe(res);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      const fallback = target.httpPort;
      if (port === undefined && err.code === 'ECONNREFUSED' && fallback !== undefined && (req.method === 'GET' || req.method === 'HEAD') && !res.headersSent) {
        return this.forward(req, res, fallback);
      }
      this.schedule(0);
      if (!res.headersSent) this.unavailable(res, `The leading scheduler (${target.label}) did not answer (${err.message}); retry in a few seconds.`);
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    if (port === undefined) req.pipe(upstream);
    else upstream.end();
  }

  private unavailable(res: ServerResponse, message: string): void {
    const body = JSON.stringify({ error: { code: 'NO_LEADER', message } }) + '\n';
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}
