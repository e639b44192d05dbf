/**
 * Resends each unacknowledged update on its own timer, doubling the delay up
 * to a cap, until the agent answers ACKNOWLEDGED. A 202 only means the agent
 * received the call; an update lost in a restart is only known to be safe
 * once it is acknowledged.
 */
import type { Clock, TimerHandle } from '../util/clock';
import type { PendingUpdate } from './unacknowledged-ledger';

export class UpdateRetrier {
  private readonly timers = new Map<string, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly initialDelayMs: number,
    private readonly maxDelayMs: number,
    private readonly resend: (entry: PendingUpdate) => unknown,
  ) {}

  /** Arms the resend timer of `entry` (replacing any previous one). */
  schedule(entry: PendingUpdate, delayMs = this.initialDelayMs): void {
    this.cancel(entry.key);
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(entry.key);
      this.resend(entry);
      this.schedule(entry, Math.min(delayMs * 2, this.maxDelayMs));
    }, delayMs);
    this.timers.set(entry.key, timer);
  }

  /** Re-arms every given entry at the initial delay (after a fresh SUBSCRIBE carried them all). */
  rescheduleAll(entries: readonly PendingUpdate[]): void {
    for (const entry of entries) this.schedule(entry);
  }

  /** Stops resending `key` (it was acknowledged or dropped). */
  cancel(key: string): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /** How many updates have a resend timer armed. */
  get size(): number {
    return this.timers.size;
  }
}
