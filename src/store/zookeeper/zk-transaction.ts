/**
 * A builder for an atomic multi: `client.transaction().check(p, v).setData(q, d, w).commit()`.
 */
import type { ZnodeCreateMode, ZnodeOp, ZnodeOpResult } from '../znode-backend';

/** Anything that can run a multi (a {@link ZkClient}). */
export interface MultiRunner {
  multi(ops: readonly ZnodeOp[]): Promise<ZnodeOpResult[]>;
}

/**
 * Collects ops and commits them as one ZooKeeper multi. Unlike the
 * underlying library's builder, a version of 0 is sent as 0 (the library
 * turns it into -1, "any version", which silently disables a
 * compare-and-set on a freshly created znode).
 */
export class ZkTransaction {
  private readonly ops: ZnodeOp[] = [];

  constructor(private readonly runner: MultiRunner) {}

  create(path: string, data?: Uint8Array, mode?: ZnodeCreateMode): this {
    this.ops.push({ type: 'create', path, data, mode });
    return this;
  }

  setData(path: string, data: Uint8Array, version = -1): this {
    this.ops.push({ type: 'setData', path, data, version });
    return this;
  }

  /** Fails the transaction unless `path` exists and (when `version` ≥ 0) has that version. */
  check(path: string, version = -1): this {
    this.ops.push({ type: 'check', path, version });
    return this;
  }

  remove(path: string, version = -1): this {
    this.ops.push({ type: 'remove', path, version });
    return this;
  }

  /** The ops collected so far. */
  get size(): number {
    return this.ops.length;
  }

  /** Runs every op atomically; rejects with the failing op's typed error (its `opIndex` set). */
  commit(): Promise<ZnodeOpResult[]> {
    return this.runner.multi(this.ops);
  }
}
