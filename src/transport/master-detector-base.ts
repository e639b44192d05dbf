/**
 * The reporting half every master detector shares: listeners, the current
 * leader, and "tell only on change".
 */
import type { Logger } from '../util/logger';
import { Listeners } from './listeners';

/**
 * Finds the leading master and reports every change.
 *
 * `leader(url)` fires whenever the leader changes (the scheduler must drop its
 * subscription and SUBSCRIBE at `url`); `noLeader` fires when there is none
 * (election in progress, ZooKeeper session lost). The URL is the scheduler
 * endpoint, e.g. `http://10.0.0.1:5050/api/v1/scheduler`.
 */
export interface MasterDetector {
  /** Starts detecting. Resolves once started, not once a leader is known (see {@link nextLeader}). */
  start(): Promise<void>;
  /** Stops detecting and releases connections. Listeners are kept. */
  stop(): Promise<void>;
  /** The leader last reported, or `undefined`. */
  readonly leader: string | undefined;
  onLeader(listener: (url: string) => void): () => void;
  onNoLeader(listener: () => void): () => void;
  /** The current leader, or the next one reported. */
  nextLeader(): Promise<string>;
}

/** Keeps the listeners and the last report; subclasses call {@link report}. */
export abstract class MasterDetectorBase implements MasterDetector {
  private current: string | undefined;
  private reportedNone = false;
  private readonly leaderListeners: Listeners<[string]>;
  private readonly noLeaderListeners: Listeners<[]>;

  constructor(protected readonly logger: Logger) {
    const onError = (err: unknown) => logger.error({ err }, 'a master detector listener threw');
    this.leaderListeners = new Listeners(onError);
    this.noLeaderListeners = new Listeners(onError);
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  get leader(): string | undefined {
    return this.current;
  }

  onLeader(listener: (url: string) => void): () => void {
    return this.leaderListeners.on(listener);
  }

  onNoLeader(listener: () => void): () => void {
    return this.noLeaderListeners.on(listener);
  }

  nextLeader(): Promise<string> {
    if (this.current !== undefined) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const off = this.onLeader((url) => {
        off();
        resolve(url);
      });
    });
  }

  /** Records the detection result; listeners hear only changes. */
  protected report(url: string | undefined): void {
    if (url === undefined) {
      if (this.current === undefined && this.reportedNone) return;
      this.current = undefined;
      this.reportedNone = true;
      this.logger.warn('no leading master');
      this.noLeaderListeners.emit();
      return;
    }
    if (url === this.current) return;
    this.current = url;
    this.reportedNone = false;
    this.logger.info({ leader: url }, 'leading master detected');
    this.leaderListeners.emit(url);
  }
}
