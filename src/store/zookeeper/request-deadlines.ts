/**
 * Deadlines for in-flight requests, with one timer for all of them.
 *
 * ZooKeeper's JS client has no request timeout: while a server is frozen it
 * still reports SYNC_CONNECTED and a request hangs until the server resumes.
 * Every request therefore registers here and is failed by us when its
 * deadline passes. Requests share one timeout, so deadlines arrive in
 * insertion order: a Map (insertion-ordered) plus a single timer armed for
 * the oldest entry costs O(1) per request, even with 10,000 in flight.
 */
import type { Clock, TimerHandle } from '../../util/clock';

export class RequestDeadlines {
  private readonly entries = new Map<number, { deadlineMs: number; onTimeout: () => void }>();
  private nextId = 0;
  private timer: TimerHandle | undefined;
  private timerAtMs = Infinity;

  constructor(
    private readonly clock: Clock,
    /** Timeout applied to requests added from now on. */
    public timeoutMs: number,
  ) {}

  /** Number of requests being watched. */
  get size(): number {
    return this.entries.size;
  }

  /** Watches a request; `onTimeout` runs once if it is still registered after `timeoutMs`. Returns its id. */
  add(onTimeout: () => void): number {
    const id = this.nextId++;
    const deadlineMs = this.clock.now() + this.timeoutMs;
    this.entries.set(id, { deadlineMs, onTimeout });
    if (this.timer === undefined) this.arm(deadlineMs);
    return id;
  }

  /** Stops watching a request (it was answered). */
  remove(id: number): void {
    this.entries.delete(id);
    if (this.entries.size === 0) this.disarm();
  }

  /** Fails every watched request now (through its `onTimeout`) and stops the timer. */
  expireAll(): void {
    this.disarm();
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const entry of all) entry.onTimeout();
  }

  /** Stops the timer and forgets every request without calling back. */
  clear(): void {
    this.disarm();
    this.entries.clear();
  }

  private arm(atMs: number): void {
    this.timerAtMs = atMs;
    this.timer = this.clock.setTimeout(() => this.sweep(), Math.max(0, atMs - this.clock.now()));
  }

  private disarm(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAtMs = Infinity;
  }

  private sweep(): void {
    this.timer = undefined;
    this.timerAtMs = Infinity;
    const now = this.clock.now();
    const due: Array<() => void> = [];
    for (const [id, entry] of this.entries) {
      // A shorter timeout set later can put a later entry's deadline first;
      // stopping at the first entry not due only delays such entries a little.
      if (entry.deadlineMs > now) {
        this.arm(entry.deadlineMs);
        break;
      }
      this.entries.delete(id);
      due.push(entry.onTimeout);
    }
    for (const onTimeout of due) onTimeout();
  }

  /** The deadline the timer is armed for (Infinity when idle); for tests. */
  get armedAtMs(): number {
    return this.timerAtMs;
  }
}
