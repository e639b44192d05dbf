/**
 * Server-sent events: one `data:` line of JSON per change to every connected
 * client, and a comment line as heartbeat so proxies keep idle streams open.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/logger';
import type { DashboardChange } from './dashboard-source';

/** Heartbeat interval of the event stream. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** A client this far behind is dropped; its EventSource reconnects and the page reloads its data. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;

export class EventStreamHub {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: TimerHandle | undefined;

  constructor(private readonly clock: Clock, private readonly logger: Logger) {}

  /** Number of connected clients. */
  get size(): number {
    return this.clients.size;
  }

  /** Turns a request into an event stream that lasts until the client disconnects. */
  open(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    this.clients.add(res);
    const drop = () => this.drop(res);
    req.on('close', drop);
    res.on('close', drop);
    res.on('error', drop);
    this.armHeartbeat();
  }

  /** Sends a change to every client. */
  publish(change: DashboardChange): void {
    this.broadcast(`data: ${JSON.stringify(change)}\n\n`);
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    this.heartbeat?.cancel();
    this.heartbeat = undefined;
    for (const res of [...this.clients]) {
      this.clients.delete(res);
      res.end();
    }
  }

  private broadcast(frame: string): void {
    for (const res of [...this.clients]) {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        this.logger.warn({ bufferedBytes: res.writableLength }, 'dropping a dashboard event stream that is too far behind');
        this.drop(res);
        res.destroy();
        continue;
      }
      res.write(frame);
    }
  }

  private drop(res: ServerResponse): void {
    if (!this.clients.delete(res)) return;
    if (this.clients.size === 0) {
      this.heartbeat?.cancel();
      this.heartbeat = undefined;
    }
  }

  private armHeartbeat(): void {
    if (this.heartbeat || this.clients.size === 0) return;
    this.heartbeat = this.clock.setTimeout(() => {
      this.heartbeat = undefined;
      this.broadcast(`: heartbeat ${this.clock.now()}\n\n`);
      this.armHeartbeat();
    }, HEARTBEAT_INTERVAL_MS);
  }
}
