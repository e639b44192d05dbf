/**
 * The znode vocabulary the store is written against: stats, create modes,
 * multi ops and the {@link ZnodeBackend} interface.
 *
 * Both the ZooKeeper client ({@link ZkClient}) and the in-memory tree
 * ({@link MemoryZnodeTree}) implement `ZnodeBackend`, so the state store's
 * semantics (versions, fencing, atomic batches) exist once and the memory
 * store cannot drift from the ZooKeeper one. Nothing here imports a
 * ZooKeeper library.
 */

/** The metadata ZooKeeper keeps for a znode. */
export interface ZnodeStat {
  /** Data version: bumped by every setData; the compare-and-set token. */
  readonly version: number;
  /** Children version: bumped by every child create/delete. */
  readonly cversion: number;
  /** ACL version. */
  readonly aversion: number;
  readonly dataLength: number;
  readonly numChildren: number;
  /** Transaction id of the create. */
  readonly czxid: bigint;
  /** Transaction id of the last modification. */
  readonly mzxid: bigint;
  readonly ctimeMs: number;
  readonly mtimeMs: number;
  /** Session id (hex) owning this ephemeral node, or undefined for persistent nodes. */
  readonly ephemeralOwner: string | undefined;
}

/** How a znode is created. Sequential modes append a 10-digit counter to the name. */
export type ZnodeCreateMode = 'persistent' | 'persistentSequential' | 'ephemeral' | 'ephemeralSequential';

/** A one-shot watch notification. */
export interface ZnodeEvent {
  readonly type: 'created' | 'deleted' | 'dataChanged' | 'childrenChanged';
  readonly path: string;
}

/** A one-shot watcher: called at most once, for the first change after it was set. */
export type ZnodeWatcher = (event: ZnodeEvent) => void;

/** One operation of an atomic multi. A `version` of -1 (or absent) matches any version. */
export type ZnodeOp =
  | { readonly type: 'create'; readonly path: string; readonly data?: Uint8Array; readonly mode?: ZnodeCreateMode }
  | { readonly type: 'setData'; readonly path: string; readonly data: Uint8Array; readonly version?: number }
  | { readonly type: 'check'; readonly path: string; readonly version?: number }
  | { readonly type: 'remove'; readonly path: string; readonly version?: number };

/** The result of one op of a committed multi, in op order. */
export type ZnodeOpResult =
  | { readonly type: 'create'; readonly path: string }
  | { readonly type: 'setData'; readonly stat: ZnodeStat }
  | { readonly type: 'check' }
  | { readonly type: 'remove' };

/** A znode's data and stat. */
export interface ZnodeData {
  readonly data: Buffer;
  readonly stat: ZnodeStat;
}

/**
 * The znode operations the state store needs. Failures are typed
 * {@link ZkError}s; a failed `multi` applies nothing and its error carries
 * the index of the failing op in `opIndex`.
 */
export interface ZnodeBackend {
  create(path: string, data?: Uint8Array, mode?: ZnodeCreateMode): Promise<string>;
  mkdirp(path: string): Promise<void>;
  exists(path: string, watcher?: ZnodeWatcher): Promise<ZnodeStat | null>;
  getData(path: string, watcher?: ZnodeWatcher): Promise<ZnodeData>;
  setData(path: string, data: Uint8Array, version?: number): Promise<ZnodeStat>;
  getChildren(path: string, watcher?: ZnodeWatcher): Promise<string[]>;
  remove(path: string, version?: number): Promise<void>;
  multi(ops: readonly ZnodeOp[]): Promise<ZnodeOpResult[]>;
}

/** `data` as a Buffer without copying when it already is one. */
export function asBuffer(data: Uint8Array | undefined): Buffer {
  if (data === undefined) return Buffer.alloc(0);
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
