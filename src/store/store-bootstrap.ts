/**
 * Creating the tree, bumping the epoch, and opening a fenced store: the
 * steps shared by the ZooKeeper and memory stores and by leader election.
 */
import type { StoreLayout } from './layout';
import { RecordStore, type RecordStoreOptions } from './record-store';
import { StoreFencedError } from './store-errors';
import type { ZnodeBackend } from './znode-backend';
import { ZK_CODES, ZkError } from './zookeeper/zk-errors';

/** Creates the root, `/leader`, `/apps` and `/epoch` when missing. Idempotent. */
export async function ensureLayout(backend: ZnodeBackend, layout: StoreLayout): Promise<void> {
  await backend.mkdirp(layout.leaderDir);
  await backend.mkdirp(layout.appsDir);
  try {
    await backend.create(layout.epochPath);
  } catch (err) {
    if (!(err instanceof ZkError && err.zkCode === ZK_CODES.NODE_EXISTS)) throw err;
  }
}

/**
 * Makes a new epoch: an unconditional setData on `/epoch`, whose new version
 * is returned. Every store opened with an older epoch is fenced from then on.
 * Only the election winner calls this.
 */
export async function bumpEpoch(backend: ZnodeBackend, layout: StoreLayout, data: Uint8Array = Buffer.alloc(0)): Promise<number> {
  await ensureLayout(backend, layout);
  return (await backend.setData(layout.epochPath, data, -1)).version;
}

/** The current epoch (version of `/epoch`), or undefined before the first election. */
export async function currentEpoch(backend: ZnodeBackend, layout: StoreLayout): Promise<number | undefined> {
  return (await backend.exists(layout.epochPath))?.version;
}

/**
 * Opens a store fenced by `options.epoch`, after creating the tree. Rejects
 * with CATAPULT_STORE_FENCED when that epoch is no longer current. The store
 * reads and writes through `options.backend` but does not own it.
 */
export async function openRecordStore(options: RecordStoreOptions): Promise<RecordStore> {
  await ensureLayout(options.backend, options.layout);
  const current = await currentEpoch(options.backend, options.layout);
  if (current !== options.epoch) throw new StoreFencedError(options.epoch);
  return new RecordStore(options);
}
