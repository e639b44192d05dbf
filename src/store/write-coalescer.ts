/**
 * Batches concurrent commit requests into few atomic transactions, so
 * throughput grows with load: while one transaction is in flight, the next
 * one fills up.
 *
 * Contract:
 * - Requests are taken in submission order, up to `maxOpsPerBatch` ops and
 *   `maxBytesPerBatch` bytes per batch (a larger request goes alone), with at
 *   most `maxBatchesInFlight` batches running.
 * - Two batches in flight never share a key, and a request waiting on a busy
 *   key holds back every later request sharing a key with it, so writes to
 *   one record apply in submission order.
 * - A batch that fails at one request (`rejected`) fails that request only;
 *   the others did not apply (batches are atomic) and are retried first. A
 *   batch that fails as a whole (`failed`) fails exactly its requests, with
 *   the reason.
 */

export interface CoalescerLimits {
  /** Ops per batch; a request with more goes alone. Default 100. */
  readonly maxOpsPerBatch: number;
  /** Estimated bytes per batch; a request with more goes alone. Default 256 KiB, far below ZooKeeper's 1 MiB jute.maxbuffer. */
  readonly maxBytesPerBatch: number;
  /** Batches running at once. Default 2. */
  readonly maxBatchesInFlight: number;
}

export const DEFAULT_COALESCER_LIMITS: CoalescerLimits = {
  maxOpsPerBatch: 100,
  maxBytesPerBatch: 256 * 1024,
  maxBatchesInFlight: 2,
};

/** A request as the coalescer sees it. */
export interface CoalescedRequest<P> {
  readonly payload: P;
  /** Records the request writes (paths); orders and separates batches. */
  readonly keys: readonly string[];
  readonly opCount: number;
  readonly byteCount: number;
}

/** How a batch ended. `index` is the position of the guilty request in the batch. */
export type BatchOutcome =
  | { readonly kind: 'committed' }
  | { readonly kind: 'rejected'; readonly index: number; readonly error: unknown }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Runs one batch atomically. A rejected promise counts as `failed`. */
export type BatchRunner<P> = (payloads: readonly P[]) => Promise<BatchOutcome>;

/** Counters, for benchmarks and logs. */
export interface CoalescerStats {
  batches: number;
  committedRequests: number;
  failedRequests: number;
  retriedRequests: number;
}

interface Pending<P> extends CoalescedRequest<P> {
  resolve(): void;
  reject(error: unknown): void;
}

export class WriteCoalescer<P> {
  readonly limits: CoalescerLimits;
  readonly stats: CoalescerStats = { batches: 0, committedRequests: 0, failedRequests: 0, retriedRequests: 0 };
  private queue: Array<Pending<P>> = [];
  private readonly busyKeys = new Set<string>();
  private inFlight = 0;
  private pumpScheduled = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly run: BatchRunner<P>,
    limits: Partial<CoalescerLimits> = {},
  ) {
    this.limits = { ...DEFAULT_COALESCER_LIMITS, ...limits };
  }

  /** Queues a request; resolves when its batch committed, rejects with the reason it did not. */
  submit(request: CoalescedRequest<P>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      // Deferred to a microtask so requests submitted in one synchronous burst share a batch.
      if (!this.pumpScheduled) {
        this.pumpScheduled = true;
        queueMicrotask(() => {
          this.pumpScheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Requests waiting for a batch. */
  get queued(): number {
    return this.queue.length;
  }

  /** Batches running. */
  get batchesInFlight(): number {
    return this.inFlight;
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Fails every queued request with `error` (in-flight batches finish normally). */
  failQueued(error: unknown): void {
    const queued = this.queue;
    this.queue = [];
    this.stats.failedRequests += queued.length;
    for (const request of queued) request.reject(error);
    this.notifyIdle();
  }

  private pump(): void {
    while (this.inFlight < this.limits.maxBatchesInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) break;
      this.inFlight++;
      this.stats.batches++;
      for (const request of batch) for (const key of request.keys) this.busyKeys.add(key);
      this.run(batch.map((r) => r.payload)).then(
        (outcome) => this.settle(batch, outcome),
        (error: unknown) => this.settle(batch, { kind: 'failed', error }),
      );
    }
  }

  private takeBatch(): Array<Pending<P>> {
    const batch: Array<Pending<P>> = [];
    const held: Array<Pending<P>> = [];
    const blocked = new Set<string>();
    let ops = 0;
    let bytes = 0;
    let scanned = 0;
    for (; scanned < this.queue.length; scanned++) {
      const request = this.queue[scanned]!;
      if (request.keys.some((k) => this.busyKeys.has(k) || blocked.has(k))) {
        for (const key of request.keys) blocked.add(key);
        held.push(request);
        continue;
      }
      const fits = batch.length === 0 || (ops + request.opCount <= this.limits.maxOpsPerBatch && bytes + request.byteCount <= this.limits.maxBytesPerBatch);
      if (!fits) break;
      batch.push(request);
      ops += request.opCount;
      bytes += request.byteCount;
    }
    this.queue = held.length === 0 && scanned === batch.length ? this.queue.slice(scanned) : held.concat(this.queue.slice(scanned));
    return batch;
  }

  private settle(batch: Array<Pending<P>>, outcome: BatchOutcome): void {
    this.inFlight--;
    for (const request of batch) for (const key of request.keys) this.busyKeys.delete(key);
    if (outcome.kind === 'committed') {
      this.stats.committedRequests += batch.length;
      for (const request of batch) request.resolve();
    } else if (outcome.kind === 'failed' || batch[outcome.index] === undefined) {
      this.stats.failedRequests += batch.length;
      for (const request of batch) request.reject(outcome.error);
    } else {
      const innocent = batch.filter((_, i) => i !== outcome.index);
      this.stats.failedRequests += 1;
      this.stats.retriedRequests += innocent.length;
      this.queue = innocent.concat(this.queue);
      batch[outcome.index]!.reject(outcome.error);
    }
    this.pump();
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.queue.length > 0 || this.inFlight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
