/**
 * Leader detection from a fixed list of masters (§6.4): ask each in turn with
 * `GET /redirect`, which any master answers with a 307 naming the leader, or
 * 503 while no leader is elected. A round with no answer reports `noLeader`
 * and is retried after `retryDelayMs`.
 *
 * A master that answers anything else (an older master or a local cluster
 * without `/redirect`) is taken as the candidate itself: the scheduler client
 * follows the SUBSCRIBE's own 307s anyway.
 */
import { Client } from 'undici';
import { systemClock, type Clock, type TimerHandle } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { discardBody, headerValue } from './http-exchange';
import { schedulerEndpoint } from './master-endpoints';
import { MasterDetectorBase } from './master-detector-base';
import { resolveRedirect } from './redirect';

export interface StaticMasterDetectorOptions {
  /** Masters as `host:port` or URLs; tried in this order. */
  masters: readonly string[];
  clock?: Clock;
  logger?: Logger;
  /** Pause between rounds when no master knows a leader. Default 1 s. */
  retryDelayMs?: number;
  /** Bound on one probe. Default 5 s. */
  probeTimeoutMs?: number;
}

/** Finds the leader among a fixed list of masters. */
export class StaticMasterDetector extends MasterDetectorBase {
  private readonly masters: string[];
  private readonly clock: Clock;
  private readonly retryDelayMs: number;
  private readonly probeTimeoutMs: number;
  private running = false;
  private retry: TimerHandle | undefined;

  constructor(options: StaticMasterDetectorOptions) {
    super((options.logger ?? silentLogger).child({ component: 'static-master-detector' }));
    if (options.masters.length === 0) throw new RangeError('StaticMasterDetector needs at least one master');
    this.masters = options.masters.map(schedulerEndpoint);
    this.clock = options.clock ?? systemClock;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    void this.round();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.retry?.cancel();
    this.retry = undefined;
  }

  /** Probes again, e.g. after the subscription to the reported leader failed. */
  redetect(): void {
    if (!this.running) return;
    this.retry?.cancel();
    void this.round();
  }

  private async round(): Promise<void> {
    for (const master of this.masters) {
      if (!this.running) return;
      const leader = await this.probe(master);
      if (leader !== undefined) {
        if (this.running) this.report(leader);
        return;
      }
    }
    if (!this.running) return;
    this.report(undefined);
    this.retry = this.clock.setTimeout(() => void this.round(), this.retryDelayMs);
  }

  /** The leader according to `master`, or `undefined` if it is unreachable or knows none. */
  private async probe(master: string): Promise<string | undefined> {
    const origin = new URL(master).origin;
    const client = new Client(origin, { pipelining: 1, headersTimeout: this.probeTimeoutMs, bodyTimeout: this.probeTimeoutMs });
    const controller = new AbortController();
    const timer = this.clock.setTimeout(() => controller.abort(), this.probeTimeoutMs);
    try {
      const response = await client.request({ path: '/redirect', method: 'GET', signal: controller.signal });
      await discardBody(response);
      if (response.statusCode === 307) return resolveRedirect(master, headerValue(response.headers, 'location'));
      if (response.statusCode === 503) {
        this.logger.info({ master }, 'no leader elected yet');
        return undefined;
      }
      return master;
    } catch (err) {
      this.logger.debug({ master, err }, 'master unreachable or gave an unusable redirect');
      return undefined;
    } finally {
      timer.cancel();
      client.destroy().catch(() => undefined);
    }
  }
}
