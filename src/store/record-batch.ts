/**
 * Turns a batch of record commits into one fenced multi, and its outcome
 * back into per-commit results. Pure: the versions come in as a lookup and
 * go out as a list of updates, so the store decides when to apply them.
 */
import type { StoreLayout } from './layout';
import type { RecordKey, StoreWrite, TrackedVersion } from './state-store';
import { StoreAppNotEmptyError, StoreAppNotFoundError, StoreFencedError, StoreVersionConflictError } from './store-errors';
import type { BatchOutcome } from './write-coalescer';
import type { ZnodeOp, ZnodeOpResult } from './znode-backend';
import { ZK_CODES, ZkError } from './zookeeper/zk-errors';

/** A write with its znode path resolved (ids validated). */
export interface ResolvedWrite {
  readonly write: StoreWrite;
  readonly path: string;
}

/** One op of the multi, and what it means for the records. */
interface OpMeta {
  /** Index of the commit in the batch; -1 for the epoch check. */
  readonly owner: number;
  /** The record whose version this op changes (absent for structural znodes). */
  readonly recordPath?: string;
  readonly key?: RecordKey;
  readonly expected?: TrackedVersion;
  /** The app's structural `nodes` znode. */
  readonly structural?: boolean;
}

export interface BuiltBatch {
  readonly ops: ZnodeOp[];
  readonly meta: OpMeta[];
  readonly epoch: number;
}

/** Estimated bytes a write adds to a ZooKeeper request (path, data, headers, ACL). */
export function estimateBytes(resolved: readonly ResolvedWrite[]): number {
  let bytes = 0;
  for (const { write, path } of resolved) bytes += 2 * Buffer.byteLength(path) + (write.type === 'put' ? write.data.byteLength : 0) + 96;
  return bytes;
}

/** Resolves the paths of a commit's writes; throws CATAPULT_STORE_INVALID_ID on a bad id. */
export function resolveWrites(layout: StoreLayout, writes: readonly StoreWrite[]): ResolvedWrite[] {
  return writes.map((write) => ({ write, path: layout.pathOf(write.key) }));
}

/**
 * Builds `check(/epoch, epoch)` followed by each commit's ops. A put of a
 * record the store never saw (or saw absent) is a create; otherwise a setData
 * against the expected version. A second write to a record in the same batch
 * expects the version the first one produces.
 */
export function buildBatch(layout: StoreLayout, epoch: number, commits: readonly (readonly ResolvedWrite[])[], versionOf: (path: string) => TrackedVersion): BuiltBatch {
  const ops: ZnodeOp[] = [{ type: 'check', path: layout.epochPath, version: epoch }];
  const meta: OpMeta[] = [{ owner: -1 }];
  const projected = new Map<string, TrackedVersion>();
  commits.forEach((writes, owner) => {
    for (const { write, path } of writes) {
      const tracked = projected.has(path) ? projected.get(path) : versionOf(path);
      const expected = write.expectedVersion ?? tracked;
      const isApp = write.key.kind === 'app';
      const nodesDir = isApp ? `${path}/nodes` : '';
      const base = { owner, recordPath: path, key: write.key, expected };
      if (write.type === 'put') {
        if (typeof expected === 'number') {
          ops.push({ type: 'setData', path, data: write.data, version: expected });
          meta.push(base);
          projected.set(path, expected < 0 ? -1 : expected + 1);
        } else {
          ops.push({ type: 'create', path, data: write.data });
          meta.push(base);
          if (isApp) {
            ops.push({ type: 'create', path: nodesDir });
            meta.push({ owner, structural: true, key: write.key });
          }
          projected.set(path, 0);
        }
      } else if (expected !== 'absent') {
        if (isApp) {
          ops.push({ type: 'remove', path: nodesDir, version: -1 });
          meta.push({ owner, structural: true, key: write.key });
        }
        ops.push({ type: 'remove', path, version: expected ?? -1 });
        meta.push(base);
        projected.set(path, 'absent');
      }
    }
  });
  return { ops, meta, epoch };
}

/** The tracked versions a committed batch leaves behind, in op order. */
export function committedVersions(built: BuiltBatch, results: readonly ZnodeOpResult[]): Array<[string, TrackedVersion]> {
  const updates: Array<[string, TrackedVersion]> = [];
  results.forEach((result, i) => {
    const path = built.meta[i]?.recordPath;
    if (path === undefined) return;
    if (result.type === 'setData') updates.push([path, result.stat.version]);
    else if (result.type === 'create') updates.push([path, 0]);
    else if (result.type === 'remove') updates.push([path, 'absent']);
  });
  return updates;
}

/**
 * Classifies a failed multi: the epoch check → every commit FENCED; one
 * commit's op → that commit alone (VERSION_CONFLICT, APP_NOT_FOUND,
 * APP_NOT_EMPTY, or the ZooKeeper error); anything else (connection loss,
 * timeout) → every commit, with the reason.
 */
export function failedOutcome(built: BuiltBatch, error: unknown): BatchOutcome {
  if (!(error instanceof ZkError) || error.opIndex === undefined) return { kind: 'failed', error };
  const meta = built.meta[error.opIndex];
  if (meta === undefined) return { kind: 'failed', error };
  if (meta.owner < 0) {
    const fenced = error.zkCode === ZK_CODES.BAD_VERSION || error.zkCode === ZK_CODES.NO_NODE;
    return { kind: 'failed', error: fenced ? new StoreFencedError(built.epoch, error) : error };
  }
  const key = meta.key;
  const appId = key && key.kind !== 'framework' ? key.appId : '';
  if (meta.structural && error.zkCode === ZK_CODES.NOT_EMPTY) return { kind: 'rejected', index: meta.owner, error: new StoreAppNotEmptyError(appId, error) };
  const op = built.ops[error.opIndex];
  if (key?.kind === 'node' && op?.type === 'create' && error.zkCode === ZK_CODES.NO_NODE) {
    return { kind: 'rejected', index: meta.owner, error: new StoreAppNotFoundError(appId, error) };
  }
  if (error.zkCode === ZK_CODES.BAD_VERSION || error.zkCode === ZK_CODES.NODE_EXISTS || error.zkCode === ZK_CODES.NO_NODE) {
    const path = meta.recordPath ?? op?.path ?? '';
    return { kind: 'rejected', index: meta.owner, error: new StoreVersionConflictError(path, meta.expected, error) };
  }
  return { kind: 'rejected', index: meta.owner, error };
}
