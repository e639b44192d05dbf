/**
 * Declares a subscription stream dead when nothing at all arrives for too long.
 *
 * A half-open TCP connection never reports EOF, so silence is the only signal
 * (§1.9, gotcha 15). Any event counts as liveness, not only HEARTBEAT. Timing
 * goes through the injected Clock so tests drive it with ManualClock.
 */
import type { Clock, TimerHandle } from '../util/clock';

/** The default number of heartbeat intervals of silence tolerated (§1.9 recommends ~5). */
export const DEFAULT_MISSED_HEARTBEATS = 5;

export interface HeartbeatWatchdogOptions {
  clock: Clock;
  /** The silence, in ms, after which `onSilence` fires. */
  timeoutMs: number;
  /** Called once, with the silence observed, when the timeout elapses without {@link HeartbeatWatchdog.alive}. */
  onSilence: (silentMs: number) => void;
}

/** A resettable silence timer; {@link alive} on every event, {@link stop} when the stream ends. */
export class HeartbeatWatchdog {
  private timer: TimerHandle | undefined;
  private lastSeenMs: number;
  private stopped = false;

  constructor(private readonly options: HeartbeatWatchdogOptions) {
    this.lastSeenMs = options.clock.now();
    this.arm();
  }

  /** Records that something arrived and restarts the countdown. */
  alive(): void {
    if (this.stopped) return;
    this.lastSeenMs = this.options.clock.now();
    this.timer?.cancel();
    this.arm();
  }

  /** Cancels the countdown for good. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  private arm(): void {
    this.timer = this.options.clock.setTimeout(() => {
      if (this.stopped) return;
      this.stopped = true;
      this.options.onSilence(this.options.clock.now() - this.lastSeenMs);
    }, this.options.timeoutMs);
  }
}

/** The watchdog timeout for a SUBSCRIBED `heartbeat_interval_seconds`, with a fallback of 15 s when the master omits it. */
export function heartbeatTimeoutMs(heartbeatIntervalSeconds: number | null | undefined, missedHeartbeats = DEFAULT_MISSED_HEARTBEATS): number {
  const intervalSeconds = typeof heartbeatIntervalSeconds === 'number' && heartbeatIntervalSeconds > 0 ? heartbeatIntervalSeconds : 15;
  return Math.round(intervalSeconds * 1000 * missedHeartbeats);
}
