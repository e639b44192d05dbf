/**
 * The {@link StateStore} over any {@link ZnodeBackend}: ZooKeeper in
 * production, the in-memory tree in unit tests. One implementation of the
 * semantics (versions, fencing, coalescing), so the two cannot drift.
 */
import { silentLogger, type Logger } from '../util/logger';
import type { StoreLayout } from './layout';
import { buildBatch, committedVersions, estimateBytes, failedOutcome, resolveWrites, type ResolvedWrite } from './record-batch';
import type { RecordKey, StateStore, StoreWrite, StoredRecord, TrackedVersion } from './state-store';
import { StoreClosedError, StoreCommitTooLargeError, StoreFencedError } from './store-errors';
import { WriteCoalescer, type BatchOutcome, type CoalescerLimits, type CoalescerStats } from './write-coalescer';
import type { ZnodeBackend } from './znode-backend';
import { ZK_CODES, ZkError } from './zookeeper/zk-errors';

/** A commit above this many estimated bytes cannot be one ZooKeeper request (jute.maxbuffer is 1,048,575). */
export const MAX_COMMIT_BYTES = 1_000_000;

export interface RecordStoreOptions {
  readonly backend: ZnodeBackend;
  readonly layout: StoreLayout;
  /** The `/epoch` version won in the election; see {@link StateStore.epoch}. */
  readonly epoch: number;
  readonly logger?: Logger;
  readonly limits?: Partial<CoalescerLimits>;
  /** Reads kept in flight by `readNodes`. Default 2,000. */
  readonly readConcurrency?: number;
}

export class RecordStore implements StateStore {
  readonly epoch: number;
  private readonly backend: ZnodeBackend;
  private readonly layout: StoreLayout;
  private readonly logger: Logger;
  private readonly readConcurrency: number;
  private readonly coalescer: WriteCoalescer<readonly ResolvedWrite[]>;
  private readonly versions = new Map<string, TrackedVersion>();
  /** Paths with a commit queued or in flight: a read racing one must not overwrite the tracked version. */
  private readonly writing = new Map<string, number>();
  private fenced: StoreFencedError | undefined;
  private closed = false;

  constructor(options: RecordStoreOptions) {
    this.backend = options.backend;
    this.layout = options.layout;
    this.epoch = options.epoch;
    this.logger = (options.logger ?? silentLogger).child({ component: 'state-store', epoch: options.epoch });
    this.readConcurrency = options.readConcurrency ?? 2_000;
    this.coalescer = new WriteCoalescer((batch) => this.runBatch(batch), options.limits);
  }

  /** Batching counters. */
  get stats(): Readonly<CoalescerStats> {
    return this.coalescer.stats;
  }

  readFramework(): Promise<StoredRecord | undefined> {
    return this.readRecord(this.layout.frameworkPath);
  }

  async listApps(): Promise<string[]> {
    return (await this.children(this.layout.appsDir)).sort();
  }

  readApp(appId: string): Promise<StoredRecord | undefined> {
    return this.readRecord(this.layout.appPath(appId));
  }

  async listNodes(appId: string): Promise<string[]> {
    return (await this.children(this.layout.nodesDir(appId))).sort();
  }

  readNode(appId: string, nodeId: string): Promise<StoredRecord | undefined> {
    return this.readRecord(this.layout.nodePath(appId, nodeId));
  }

  async readNodes(appId: string): Promise<Map<string, StoredRecord>> {
    const dir = this.layout.nodesDir(appId);
    const ids = await this.listNodes(appId);
    const records = new Array<StoredRecord | undefined>(ids.length);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        records[i] = await this.readRecord(`${dir}/${ids[i]}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.readConcurrency, ids.length) }, worker));
    const result = new Map<string, StoredRecord>();
    ids.forEach((id, i) => {
      const record = records[i];
      if (record) result.set(id, record);
    });
    return result;
  }

  commit(writes: readonly StoreWrite[]): Promise<void> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    if (this.fenced) return Promise.reject(this.fenced);
    let resolved: ResolvedWrite[];
    try {
      resolved = resolveWrites(this.layout, writes);
    } catch (err) {
      return Promise.reject(err);
    }
    const byteCount = estimateBytes(resolved);
    if (byteCount > MAX_COMMIT_BYTES) return Promise.reject(new StoreCommitTooLargeError(byteCount, MAX_COMMIT_BYTES));
    const keys = [...new Set(resolved.map((w) => w.path))];
    for (const key of keys) this.writing.set(key, (this.writing.get(key) ?? 0) + 1);
    const opCount = resolved.length + resolved.filter((w) => w.write.key.kind === 'app').length;
    return this.coalescer.submit({ payload: resolved, keys, opCount, byteCount }).finally(() => {
      for (const key of keys) {
        const count = (this.writing.get(key) ?? 1) - 1;
        if (count === 0) this.writing.delete(key);
        else this.writing.set(key, count);
      }
    });
  }

  trackedVersion(key: RecordKey): TrackedVersion {
    return this.versions.get(this.layout.pathOf(key));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.coalescer.idle();
  }

  private async runBatch(commits: readonly (readonly ResolvedWrite[])[]): Promise<BatchOutcome> {
    if (this.fenced) return { kind: 'failed', error: this.fenced };
    const built = buildBatch(this.layout, this.epoch, commits, (path) => this.versions.get(path));
    try {
      const results = await this.backend.multi(built.ops);
      for (const [path, version] of committedVersions(built, results)) this.versions.set(path, version);
      return { kind: 'committed' };
    } catch (error) {
      const outcome = failedOutcome(built, error);
      if (outcome.kind === 'rejected') {
        for (const { path } of commits[outcome.index] ?? []) this.versions.delete(path);
      } else if (outcome.kind === 'failed') {
        // The outcome is unknown (or we are fenced): forget what we believed about these records.
        for (const writes of commits) for (const { path } of writes) this.versions.delete(path);
        if (outcome.error instanceof StoreFencedError) this.fence(outcome.error);
      }
      return outcome;
    }
  }

  private fence(error: StoreFencedError): void {
    if (this.fenced) return;
    this.fenced = error;
    this.logger.warn({ epoch: this.epoch }, 'state store fenced: a newer leader epoch exists');
    this.coalescer.failQueued(error);
  }

  private async readRecord(path: string): Promise<StoredRecord | undefined> {
    try {
      const { data, stat } = await this.backend.getData(path);
      this.remember(path, stat.version);
      return { data, version: stat.version };
    } catch (err) {
      if (err instanceof ZkError && err.zkCode === ZK_CODES.NO_NODE) {
        this.remember(path, 'absent');
        return undefined;
      }
      throw err;
    }
  }

  private remember(path: string, version: TrackedVersion): void {
    if (!this.writing.has(path)) this.versions.set(path, version);
  }

  private async children(path: string): Promise<string[]> {
    try {
      return await this.backend.getChildren(path);
    } catch (err) {
      if (err instanceof ZkError && err.zkCode === ZK_CODES.NO_NODE) return [];
      throw err;
    }
  }
}
