/**
 * Time, injected. Nothing in `src/` calls `Date.now()` or a bare `setTimeout`;
 * it asks a Clock, so tests drive time with {@link ManualClock} instead of sleeping.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once after `delayMs`. */
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, delayMs) {
    const timer = setTimeout(fn, Math.max(0, delayMs));
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};

/**
 * A clock that moves only when told to. `advance(ms)` fires, in deadline
 * order, every timer that falls due, including timers armed by the callbacks
 * it fires.
 */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 0;
  private readonly timers = new Map<number, { at: number; seq: number; fn: () => void }>();

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, delayMs), seq: id, fn });
    return { cancel: () => void this.timers.delete(id) };
  }

  /** Number of armed timers. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let nextId: number | undefined;
      let next: { at: number; seq: number; fn: () => void } | undefined;
      for (const [id, t] of this.timers) {
        if (t.at <= target && (next === undefined || t.at < next.at || (t.at === next.at && t.seq < next.seq))) {
          next = t;
          nextId = id;
        }
      }
      if (next === undefined || nextId === undefined) break;
      this.timers.delete(nextId);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = target;
  }

  /** Sets the time, firing timers that fall due on the way. */
  set(ms: number): void {
    this.advance(Math.max(0, ms - this.current));
  }
}
