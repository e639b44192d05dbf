/**
 * Waiting without sleeping blindly: {@link waitFor} re-checks a condition on
 * the injected clock until it holds or a deadline passes, and
 * {@link getJson} reads a JSON endpoint of a scheduler.
 */
import { get } from 'node:http';
import type { Clock } from '../util/clock';
import { DemoTimeoutError } from './demo-errors';

export interface WaitOptions {
  clock: Clock;
  timeoutMs: number;
  /** Delay between checks. Default 200 ms. */
  intervalMs?: number;
  /** Checked before each attempt; a non-undefined error aborts the wait. */
  abort?: () => Error | undefined;
}

/**
 * Resolves with the first non-undefined value `check` returns. A check that
 * throws counts as "not yet" (a server still starting refuses connections).
 *
 * @throws {DemoTimeoutError} `CATAPULT_DEMO_TIMEOUT` when the deadline passes; it names `what` and the last answer seen.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, options: WaitOptions): Promise<T> {
  const started = options.clock.now();
  let lastSeen: string | undefined;
  for (;;) {
    const aborted = options.abort?.();
    if (aborted) throw aborted;
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastSeen = err instanceof Error ? err.message : String(err);
    }
    if (options.clock.now() - started > options.timeoutMs) throw new DemoTimeoutError(what, options.timeoutMs, lastSeen);
    await new Promise<void>((resolve) => options.clock.setTimeout(resolve, options.intervalMs ?? 200));
  }
}

/** GETs `url` and parses its JSON body; rejects on a non-2xx answer or a refused connection. */
export function getJson<T>(url: string, timeoutMs = 2_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 300) return reject(new Error(`GET ${url} answered ${res.statusCode}: ${text.slice(0, 200)}`));
        try {
          resolve(JSON.parse(text) as T);
        } catch (err) {
          reject(new Error(`GET ${url} answered non-JSON: ${(err as Error).message}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
