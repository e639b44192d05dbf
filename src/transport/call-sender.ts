/**
 * Non-SUBSCRIBE calls: ordinary request/response exchanges on their own
 * connections (never the subscription's, §1.5), one keep-alive pool per
 * master, each call bounded by a timeout on the injected Clock.
 */
import { Pool } from 'undici';
import type { Clock } from '../util/clock';
import { CallDeadline } from './call-deadline';
import { CallTimeoutError } from './client-errors';
import { discardBody, headerValue, postBytes, postTarget, readErrorText, type PostTarget } from './http-exchange';
import { originOf } from './redirect';

/** The suggested per-call timeout (§1.5). */
export const DEFAULT_CALL_TIMEOUT_MS = 75_000;
/** Connections per master for calls; several may be in flight (ACKNOWLEDGEs, DECLINEs). */
export const DEFAULT_CALL_CONNECTIONS = 4;

export interface CallSenderOptions {
  clock: Clock;
  callTimeoutMs: number;
  connectionsPerMaster: number;
}

/** What came back for a call: the status, the 307 target, and the reason text of a non-2xx. */
export interface CallAnswer {
  status: number;
  location: string | undefined;
  /** The body for non-2xx answers (plain text); empty for 2xx. */
  text: string;
}

/** Sends calls through per-master pools. */
export class CallSender {
  private readonly pools = new Map<string, Pool>();
  /** Every call of a subscription goes to the same URL: parse it once. */
  private target: PostTarget | undefined;
  private closed = false;

  constructor(private readonly options: CallSenderOptions) {}

  /**
   * POSTs one encoded call and reads its answer.
   *
   * @throws {CallTimeoutError} after `callTimeoutMs`; {@link MasterUnreachableError} on network failure.
   */
  async post(url: string, headers: Record<string, string>, body: Uint8Array, callType: string): Promise<CallAnswer> {
    const { callTimeoutMs } = this.options;
    const deadline = new CallDeadline();
    const timer = this.options.clock.setTimeout(() => deadline.abort(new CallTimeoutError(url, callType, callTimeoutMs)), callTimeoutMs);
    if (this.target?.url !== url) this.target = postTarget(url);
    const target = this.target;
    try {
      const response = await postBytes(this.pool(target.origin), target, headers, body, deadline, callType);
      const location = headerValue(response.headers, 'location');
      if (response.statusCode >= 200 && response.statusCode < 300) {
        await discardBody(response);
        return { status: response.statusCode, location, text: '' };
      }
      return { status: response.statusCode, location, text: await readErrorText(response) };
    } finally {
      timer.cancel();
    }
  }

  /** Closes the pools of every master but `url`'s (the leader moved; old connections are useless). */
  retainOnly(url: string): void {
    const keep = originOf(url);
    for (const [origin, pool] of this.pools) {
      if (origin === keep) continue;
      this.pools.delete(origin);
      pool.close().catch(() => undefined);
    }
  }

  /** Closes every pool; calls in flight fail. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => undefined)));
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool || this.closed) {
      pool = new Pool(origin, {
        connections: this.options.connectionsPerMaster,
        pipelining: 1,
        // The Clock bounds each call; these only stop a connection from hanging forever if the Clock is a manual one.
        headersTimeout: this.options.callTimeoutMs,
        bodyTimeout: this.options.callTimeoutMs,
      });
      if (!this.closed) this.pools.set(origin, pool);
    }
    return pool;
  }
}
