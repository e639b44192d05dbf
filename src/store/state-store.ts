/**
 * The state store: durable, versioned, leader-fenced records of the
 * framework, its apps and their nodes (the tree is drawn in layout.ts).
 *
 * Contract:
 * - Records are opaque bytes ("envelopes"); decoding them is the caller's job,
 *   so a corrupt record never breaks reading the others.
 * - Every commit is atomic and fenced: it applies only while the store's
 *   leader epoch is current, else it fails with CATAPULT_STORE_FENCED and the
 *   store stays fenced.
 * - Every write is a compare-and-set against the version the store last saw
 *   for that record (by reading or writing it); a record it never saw must not
 *   exist yet. A mismatch fails that commit alone with
 *   CATAPULT_STORE_VERSION_CONFLICT: re-read the record, then decide again.
 * - Concurrent commits are coalesced into few transactions; a commit's promise
 *   resolves once its writes are durable. A commit that fails on a lost
 *   connection or a timeout may or may not have been applied (`outcomeUnknown`
 *   on the ZkError): re-read before retrying.
 */

/** Which record. */
export type RecordKey =
  | { readonly kind: 'framework' }
  | { readonly kind: 'app'; readonly appId: string }
  | { readonly kind: 'node'; readonly appId: string; readonly nodeId: string };

/** One write of a commit. `expectedVersion` overrides the tracked version (-1: any version). */
export type StoreWrite =
  | { readonly type: 'put'; readonly key: RecordKey; readonly data: Uint8Array; readonly expectedVersion?: number }
  | { readonly type: 'delete'; readonly key: RecordKey; readonly expectedVersion?: number };

/** A stored record: its bytes and its version (the compare-and-set token). */
export interface StoredRecord {
  readonly data: Buffer;
  readonly version: number;
}

/** What the store knows of a record's version: a number, `'absent'`, or undefined when it never saw it. */
export type TrackedVersion = number | 'absent' | undefined;

export interface StateStore {
  /** The leader epoch (version of `/epoch`) every commit is fenced with. */
  readonly epoch: number;
  readFramework(): Promise<StoredRecord | undefined>;
  /** App ids, sorted. */
  listApps(): Promise<string[]>;
  readApp(appId: string): Promise<StoredRecord | undefined>;
  /** Node ids of an app, sorted; empty when the app does not exist. */
  listNodes(appId: string): Promise<string[]>;
  readNode(appId: string, nodeId: string): Promise<StoredRecord | undefined>;
  /** Every node record of an app, fetched with many reads in flight. */
  readNodes(appId: string): Promise<Map<string, StoredRecord>>;
  /** Applies `writes` atomically, in order, fenced by the epoch; resolves when durable. */
  commit(writes: readonly StoreWrite[]): Promise<void>;
  /** The version the store will expect for `key` on its next write. */
  trackedVersion(key: RecordKey): TrackedVersion;
  /** Waits for queued and in-flight commits; later commits fail with CATAPULT_STORE_CLOSED. Does not close the backend. */
  close(): Promise<void>;
}

/** The framework record's key. */
export const frameworkKey = (): RecordKey => ({ kind: 'framework' });
/** An app record's key. */
export const appKey = (appId: string): RecordKey => ({ kind: 'app', appId });
/** A node record's key. */
export const nodeKey = (appId: string, nodeId: string): RecordKey => ({ kind: 'node', appId, nodeId });

/** A write that creates or replaces a record. */
export function putRecord(key: RecordKey, data: Uint8Array, expectedVersion?: number): StoreWrite {
  return expectedVersion === undefined ? { type: 'put', key, data } : { type: 'put', key, data, expectedVersion };
}

/** A write that deletes a record (an app only once its nodes are gone). */
export function deleteRecord(key: RecordKey, expectedVersion?: number): StoreWrite {
  return expectedVersion === undefined ? { type: 'delete', key } : { type: 'delete', key, expectedVersion };
}
