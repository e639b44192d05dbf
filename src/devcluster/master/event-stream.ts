/**
 * One scheduler subscription's response: a never-ending chunked RecordIO
 * stream of events in the encoding the SUBSCRIBE's `Accept` chose, with
 * HEARTBEAT events on the injected clock.
 */
import type { ServerResponse } from 'node:http';
import { mesos } from '../../../proto/gen/mesos';
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { encodeRecord } from '../../wire/recordio-encoder';
import { encodeEvent, MEDIA_TYPES, type Encoding } from './codec';

export interface EventStreamOptions {
  readonly response: ServerResponse;
  readonly encoding: Encoding;
  readonly streamId: string;
  readonly clock: Clock;
  readonly heartbeatIntervalMs: number;
  readonly logger: Logger;
}

/** A subscription stream. `onClose` fires once, whoever closed it. */
export class EventStream {
  readonly streamId: string;
  readonly encoding: Encoding;
  private readonly response: ServerResponse;
  private heartbeat: TimerHandle | undefined;
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(private readonly options: EventStreamOptions) {
    this.streamId = options.streamId;
    this.encoding = options.encoding;
    this.response = options.response;
    this.response.writeHead(200, {
      'Content-Type': MEDIA_TYPES[options.encoding],
      'Mesos-Stream-Id': options.streamId,
      'Cache-Control': 'no-cache',
    });
    this.response.flushHeaders();
    this.response.on('close', () => this.markClosed());
    this.response.socket?.setNoDelay(true);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Writes one event as a RecordIO record. */
  send(event: mesos.v1.scheduler.IEvent): void {
    if (this.closed) return;
    try {
      this.response.write(encodeRecord(encodeEvent(event, this.encoding)));
    } catch (err) {
      this.options.logger.error({ err, streamId: this.streamId }, 'could not encode an event; closing the stream');
      this.destroy();
    }
  }

  /** Sends HEARTBEAT now and then every interval, as a master does right after SUBSCRIBED. */
  startHeartbeats(): void {
    const beat = () => {
      if (this.closed) return;
      this.send({ type: mesos.v1.scheduler.Event.Type.HEARTBEAT });
      this.heartbeat = this.options.clock.setTimeout(beat, this.options.heartbeatIntervalMs);
    };
    beat();
  }

  /** Ends the stream cleanly (the client reads EOF). */
  close(): void {
    if (this.closed) return;
    this.response.end();
    this.markClosed();
  }

  /** Cuts the connection without ending the body, as a network failure would. */
  destroy(): void {
    if (this.closed) return;
    this.response.destroy();
    this.markClosed();
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.heartbeat?.cancel();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
