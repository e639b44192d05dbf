/**
 * Arms the machines' durable deadlines on the injected clock. A deadline lives
 * in the machine's context (so it survives a failover); this only turns it
 * into a callback, and is re-synced after every transition and every restore.
 */
import type { Clock, TimerHandle } from '../util/clock';

/** A deadline to arm: fire `name` at `at` (ms since the epoch). */
export interface Deadline {
  readonly name: string;
  readonly at: number;
}

export class TimerService {
  private readonly armed = new Map<string, Map<string, { at: number; handle: TimerHandle }>>();
  private count = 0;

  constructor(private readonly clock: Clock) {}

  /** Timers currently armed. */
  get size(): number {
    return this.count;
  }

  /**
   * Makes the timers of `ownerId` match `deadlines`: new ones are armed,
   * changed ones re-armed, vanished ones cancelled. `fire(name)` runs once per
   * armed deadline, when the clock reaches it.
   */
  sync(ownerId: string, deadlines: readonly Deadline[], fire: (name: string) => void): void {
    let timers = this.armed.get(ownerId);
    if (!timers) {
      if (deadlines.length === 0) return;
      timers = new Map();
      this.armed.set(ownerId, timers);
    }
    for (const [name, timer] of timers) {
      if (!deadlines.some((d) => d.name === name && d.at === timer.at)) {
        timer.handle.cancel();
        timers.delete(name);
        this.count--;
      }
    }
    for (const { name, at } of deadlines) {
      if (timers.has(name)) continue;
      const owned = timers;
      const handle = this.clock.setTimeout(() => {
        if (owned.get(name)?.handle !== handle) return;
        owned.delete(name);
        this.count--;
        fire(name);
      }, at - this.clock.now());
      timers.set(name, { at, handle });
      this.count++;
    }
    if (timers.size === 0) this.armed.delete(ownerId);
  }

  /** Cancels every timer of `ownerId`. */
  cancel(ownerId: string): void {
    this.sync(ownerId, [], () => undefined);
  }

  /** Cancels everything. */
  cancelAll(): void {
    for (const id of [...this.armed.keys()]) this.cancel(id);
  }
}
