/**
 * Helpers shared by the benchmark modules (not a bench itself: the runner
 * only loads `*-bench.js`).
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ZkClient } from '../../src/store';

export const nodeId = (i: number) => `node-${String(i).padStart(5, '0')}`;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** `min–max` of the samples. */
export function fmtRange(xs: readonly number[], f: (x: number) => string): string {
  return `range ${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
}

/** Raw `multi` of 100 setData (any version), one multi in flight, over `paths`; returns writes/s. */
export async function rawMultiRate(client: ZkClient, paths: readonly string[], data: Uint8Array): Promise<number> {
  const t0 = performance.now();
  for (let b = 0; b + 100 <= paths.length; b += 100) {
    await client.multi(paths.slice(b, b + 100).map((path) => ({ type: 'setData' as const, path, data, version: -1 })));
  }
  const n = Math.floor(paths.length / 100) * 100;
  return (n / (performance.now() - t0)) * 1000;
}

/** Raw getData of every path, all in flight; returns elapsed ms. */
export async function rawGetAll(client: ZkClient, paths: readonly string[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(paths.map((p) => client.getData(p)));
  return performance.now() - t0;
}

let gcFn: (() => void) | undefined;
/** A full GC, available without `--expose-gc` on the command line. */
export function fullGc(): void {
  if (!gcFn) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gcFn = exposed;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  gcFn();
  gcFn();
}

/** Heap used after a full GC. */
export function heapAfterGc(): number {
  fullGc();
  return process.memoryUsage().heapUsed;
}

/** Lets timers, I/O and microtasks run. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
