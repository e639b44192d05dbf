/**
 * The agent's end of one executor subscription: a never-ending `200 OK`
 * response carrying RecordIO-framed executor events in the encoding the
 * executor accepted, with a HEARTBEAT every `heartbeatIntervalMs`.
 */
import type { ServerResponse } from 'node:http';
import type { mesos } from '../../../proto/gen/mesos';
import { mesos as gen } from '../../../proto/gen/mesos';
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { CONTENT_TYPES, encodeExecutorEvent, encodeRecord, type Encoding } from '../../wire';

/** One open executor event stream. */
export class ExecutorEventStream {
  private heartbeat: TimerHandle | undefined;
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly response: ServerResponse,
    readonly encoding: Encoding,
    private readonly clock: Clock,
    private readonly heartbeatIntervalMs: number,
    private readonly logger: Logger,
  ) {
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[encoding], 'Cache-Control': 'no-cache' });
    response.flushHeaders();
    response.socket?.setNoDelay(true);
    response.on('close', () => this.onClosed());
    this.armHeartbeat();
  }

  /** True once the stream has ended, from either side. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `fn` once when the stream ends. */
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closeListeners.push(fn);
  }

  /** Writes one event; events sent on a closed stream are dropped (the executor will re-subscribe). */
  send(event: mesos.v1.executor.IEvent): void {
    if (this.closed) return;
    try {
      this.response.write(encodeRecord(encodeExecutorEvent(event, this.encoding)));
    } catch (err) {
      this.logger.error({ err, type: event.type }, 'could not encode an executor event; closing the stream');
      this.close();
    }
  }

  /** Ends the stream from the agent's side. */
  close(): void {
    if (this.closed) return;
    this.response.end();
    this.onClosed();
  }

  /** Cuts the connection abruptly, as a crashing agent would. */
  destroy(): void {
    if (this.closed) return;
    this.response.destroy();
    this.onClosed();
  }

  private armHeartbeat(): void {
    this.heartbeat = this.clock.setTimeout(() => {
      this.send({ type: gen.v1.executor.Event.Type.HEARTBEAT });
      if (!this.closed) this.armHeartbeat();
    }, this.heartbeatIntervalMs);
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.heartbeat?.cancel();
    for (const fn of this.closeListeners.splice(0)) fn();
  }
}
