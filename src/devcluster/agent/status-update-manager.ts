/**
 * The agent's status-update manager (§5.1): one ordered stream per task.
 *
 * Only the oldest unacknowledged update of a task is in flight; it is resent
 * (first after `initialRetryMs`, doubling up to `maxRetryMs`) until the
 * scheduler's acknowledgement comes back, and only then does the next update
 * of that task go out. Resends of every task share one timer, so the cost of
 * a task that is not being retried is a map entry.
 */
import type { mesos } from '../../../proto/gen/mesos';
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { DueQueue } from './due-queue';
import { isTerminalState } from './task-states';

/** Options of a {@link StatusUpdateManager}. */
export interface StatusUpdateManagerOptions {
  clock: Clock;
  logger: Logger;
  /** Delay before the first resend. Mesos: 10 s. */
  initialRetryMs: number;
  /** Cap of the doubling resend delay. Mesos: 10 min. */
  maxRetryMs: number;
  /** Sends one update to the master. */
  forward(frameworkId: string, status: mesos.v1.ITaskStatus): void;
  /** A task's terminal update was acknowledged: its stream is closed. */
  onStreamClosed?(frameworkId: string, taskId: string): void;
}

interface Stream {
  readonly frameworkId: string;
  readonly taskId: string;
  readonly pending: mesos.v1.ITaskStatus[];
  readonly received: Set<string>;
  backoffMs: number;
  retryAtMs: number;
  /** When the stream last entered the in-flight set: resends go out in that order. */
  flightSeq: number;
}

/** Hex form of a uuid, the key of duplicate detection. */
export function uuidKey(uuid: Uint8Array): string {
  return Buffer.from(uuid.buffer, uuid.byteOffset, uuid.byteLength).toString('hex');
}

/** Per-framework, per-task ordered and retried delivery of status updates. */
export class StatusUpdateManager {
  private readonly streams = new Map<string, Map<string, Stream>>();
  /** Streams whose head has been sent and awaits its acknowledgement. */
  private readonly inFlight = new Set<Stream>();
  /** In-flight streams by resend time, so a tick looks at the due ones only. */
  private readonly retries = new DueQueue<Stream>();
  private flightSeq = 0;
  private connected = false;
  private retryTimer: TimerHandle | undefined;
  private retryTimerAtMs = Infinity;

  constructor(private readonly options: StatusUpdateManagerOptions) {}

  /**
   * Records an update (it must carry a uuid). Returns false for a duplicate,
   * which is dropped: the executor's replays after a reconnection are harmless.
   */
  update(frameworkId: string, status: mesos.v1.ITaskStatus): boolean {
    const taskId = status.task_id.value;
    const key = uuidKey(status.uuid as Uint8Array);
    const stream = this.stream(frameworkId, taskId, true);
    if (stream.received.has(key)) return false;
    stream.received.add(key);
    stream.pending.push(status);
    if (stream.pending.length === 1) this.send(stream);
    return true;
  }

  /** True when the task's stream already received this uuid. */
  isDuplicate(frameworkId: string, status: mesos.v1.ITaskStatus): boolean {
    const stream = this.stream(frameworkId, status.task_id.value, false);
    return stream !== undefined && status.uuid !== null && status.uuid !== undefined && stream.received.has(uuidKey(status.uuid));
  }

  /**
   * The scheduler acknowledged `uuid`. Acknowledgements of anything but the
   * task's in-flight update are ignored (late duplicates). Returns whether it
   * matched.
   */
  acknowledge(frameworkId: string, taskId: string, uuid: Uint8Array): boolean {
    const stream = this.stream(frameworkId, taskId, false);
    const head = stream?.pending[0];
    if (stream === undefined || head === undefined || uuidKey(head.uuid as Uint8Array) !== uuidKey(uuid)) {
      this.options.logger.debug({ frameworkId, taskId }, 'ignoring an acknowledgement of no in-flight update');
      return false;
    }
    stream.pending.shift();
    this.inFlight.delete(stream);
    if (stream.pending.length > 0) {
      this.send(stream);
    } else if (isTerminalState(head.state)) {
      this.streams.get(frameworkId)?.delete(taskId);
      if (this.streams.get(frameworkId)?.size === 0) this.streams.delete(frameworkId);
      this.options.onStreamClosed?.(frameworkId, taskId);
    }
    return true;
  }

  /** A master is reachable: send every stream's head now and restart its backoff. */
  connect(): void {
    this.connected = true;
    for (const frameworkStreams of this.streams.values()) {
      for (const stream of frameworkStreams.values()) {
        if (stream.pending.length > 0) this.send(stream);
      }
    }
  }

  /** No master is reachable: keep recording, send nothing. */
  disconnect(): void {
    this.connected = false;
    this.inFlight.clear();
    this.retries.clear();
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    this.retryTimerAtMs = Infinity;
  }

  /** Forgets a framework's streams (its state was not checkpointed). */
  dropFramework(frameworkId: string): void {
    for (const stream of this.streams.get(frameworkId)?.values() ?? []) this.inFlight.delete(stream);
    this.streams.delete(frameworkId);
  }

  /** The unacknowledged updates of a task, oldest first. */
  pendingUpdates(frameworkId: string, taskId: string): readonly mesos.v1.ITaskStatus[] {
    return this.stream(frameworkId, taskId, false)?.pending ?? [];
  }

  /** Number of updates waiting for an acknowledgement, over all tasks. */
  get pendingCount(): number {
    let count = 0;
    for (const frameworkStreams of this.streams.values()) {
      for (const stream of frameworkStreams.values()) count += stream.pending.length;
    }
    return count;
  }

  /** Stops the resend timer for good. */
  close(): void {
    this.disconnect();
  }

  private stream(frameworkId: string, taskId: string, create: true): Stream;
  private stream(frameworkId: string, taskId: string, create: false): Stream | undefined;
  private stream(frameworkId: string, taskId: string, create: boolean): Stream | undefined {
    let frameworkStreams = this.streams.get(frameworkId);
    if (frameworkStreams === undefined) {
      if (!create) return undefined;
      frameworkStreams = new Map();
      this.streams.set(frameworkId, frameworkStreams);
    }
    let stream = frameworkStreams.get(taskId);
    if (stream === undefined && create) {
      stream = { frameworkId, taskId, pending: [], received: new Set(), backoffMs: 0, retryAtMs: 0, flightSeq: 0 };
      frameworkStreams.set(taskId, stream);
    }
    return stream;
  }

  private send(stream: Stream): void {
    if (!this.connected) return;
    stream.backoffMs = this.options.initialRetryMs;
    stream.retryAtMs = this.options.clock.now() + stream.backoffMs;
    if (!this.inFlight.has(stream)) {
      stream.flightSeq = this.flightSeq++;
      this.inFlight.add(stream);
    }
    this.retries.push(stream, stream.retryAtMs);
    this.armRetry(stream.retryAtMs);
    this.options.forward(stream.frameworkId, stream.pending[0] as mesos.v1.ITaskStatus);
  }

  private armRetry(atMs: number): void {
    if (atMs >= this.retryTimerAtMs) return;
    this.retryTimer?.cancel();
    this.retryTimerAtMs = atMs;
    this.retryTimer = this.options.clock.setTimeout(() => this.retryDue(), atMs - this.options.clock.now());
  }

  private retryDue(): void {
    this.retryTimer = undefined;
    this.retryTimerAtMs = Infinity;
    const now = this.options.clock.now();
    const current = (stream: Stream, atMs: number) => this.inFlight.has(stream) && stream.retryAtMs === atMs;
    const due = [...new Set(this.retries.popDue(now, current))].sort((a, b) => a.flightSeq - b.flightSeq);
    for (const stream of due) {
      stream.backoffMs = Math.min(stream.backoffMs * 2, this.options.maxRetryMs);
      stream.retryAtMs = now + stream.backoffMs;
      this.retries.push(stream, stream.retryAtMs);
    }
    const next = this.retries.peek(current);
    if (next) this.armRetry(next.atMs);
    for (const stream of due) {
      const head = stream.pending[0];
      if (head === undefined || !this.inFlight.has(stream)) continue;
      this.options.logger.debug({ frameworkId: stream.frameworkId, taskId: stream.taskId }, 'resending an unacknowledged status update');
      this.options.forward(stream.frameworkId, head);
    }
  }
}
