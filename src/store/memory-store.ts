/**
 * The state store in memory, for unit tests and the examples: the same
 * {@link RecordStore} as on ZooKeeper, over a {@link MemoryZnodeTree}, so
 * versions, conflicts and epoch fencing behave identically.
 */
import type { Logger } from '../util/logger';
import { StoreLayout } from './layout';
import { MemoryZnodeTree } from './memory-znode-tree';
import type { RecordStore } from './record-store';
import { bumpEpoch, openRecordStore } from './store-bootstrap';
import type { CoalescerLimits } from './write-coalescer';

export interface MemoryStoreOptions {
  /** The tree to use; share one between stores to play several leaders. Default: a new tree. */
  readonly tree?: MemoryZnodeTree;
  /** Default `/catapult`. */
  readonly rootPath?: string;
  /** The epoch to open with. Default: bump `/epoch` first, as a newly elected leader does. */
  readonly epoch?: number;
  readonly logger?: Logger;
  readonly limits?: Partial<CoalescerLimits>;
}

/**
 * Opens an in-memory {@link StateStore}. Without `epoch`, it takes over the
 * tree like a new leader: stores opened earlier on the same tree are fenced.
 *
 * @example
 * const tree = new MemoryZnodeTree();
 * const old = await openMemoryStore({ tree });
 * const current = await openMemoryStore({ tree }); // `old` is fenced now
 */
export async function openMemoryStore(options: MemoryStoreOptions = {}): Promise<RecordStore> {
  const tree = options.tree ?? new MemoryZnodeTree();
  const layout = new StoreLayout(options.rootPath ?? '/catapult');
  const epoch = options.epoch ?? (await bumpEpoch(tree, layout));
  return openRecordStore({ backend: tree, layout, epoch, logger: options.logger, limits: options.limits });
}
