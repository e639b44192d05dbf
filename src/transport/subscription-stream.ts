/**
 * The state of one subscription attempt, one generation: its abort signal,
 * its dedicated connection, its stream id and framework id, its watchdog, and
 * the pending `subscribe()` promise. Ending it is idempotent and releases
 * everything it holds.
 */
import type { Client } from 'undici';
import type { TimerHandle } from '../util/clock';
import type { HeartbeatWatchdog } from './heartbeat-watchdog';
import type { SubscriptionInfo } from './scheduler-client-options';

/** One subscription attempt and, once SUBSCRIBED, the live stream. */
export class SubscriptionStream {
  readonly controller = new AbortController();
  /** The master the stream is (or is being) opened at; updated by redirects. */
  url: string | undefined;
  connection: Client | undefined;
  /** From the 200; cleared when the stream ends. */
  streamId: string | undefined;
  frameworkId: string | undefined;
  subscribed = false;
  watchdog: HeartbeatWatchdog | undefined;
  subscribeTimer: TimerHandle | undefined;
  private ended = false;
  private pending: { resolve: (info: SubscriptionInfo) => void; reject: (err: unknown) => void } | undefined;

  constructor(readonly generation: number) {}

  /** True once ended: nothing from this stream may reach the owner any more. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Returns the promise `subscribe()` hands out for this attempt. */
  promise(): Promise<SubscriptionInfo> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
    });
  }

  /** Resolves the attempt (SUBSCRIBED arrived). */
  established(info: SubscriptionInfo): void {
    this.subscribed = true;
    this.subscribeTimer?.cancel();
    this.subscribeTimer = undefined;
    this.pending?.resolve(info);
    this.pending = undefined;
  }

  /**
   * Ends the stream and releases it. Returns false if it had already ended.
   * A still-pending attempt is rejected with `error`.
   */
  end(error: unknown): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.streamId = undefined;
    this.subscribeTimer?.cancel();
    this.subscribeTimer = undefined;
    this.watchdog?.stop();
    this.controller.abort(error);
    this.connection?.destroy().catch(() => undefined);
    this.connection = undefined;
    this.pending?.reject(error);
    this.pending = undefined;
    return true;
  }
}
