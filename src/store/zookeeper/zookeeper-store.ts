/**
 * The state store in ZooKeeper.
 */
import type { Logger } from '../../util/logger';
import { StoreLayout } from '../layout';
import type { RecordStore } from '../record-store';
import { openRecordStore } from '../store-bootstrap';
import type { CoalescerLimits } from '../write-coalescer';
import type { ZkClient } from './zk-client';

export interface ZookeeperStoreOptions {
  /** The leader's client: its session must be the one that won the election. */
  readonly client: ZkClient;
  /** Root of the tree, e.g. `/catapult/my-framework`. */
  readonly rootPath: string;
  /** The epoch won in the election ({@link LeadershipTerm.epoch}). */
  readonly epoch: number;
  readonly logger?: Logger;
  readonly limits?: Partial<CoalescerLimits>;
  /** Reads kept in flight by `readNodes`. Default 2,000. */
  readonly readConcurrency?: number;
}

/**
 * Opens the {@link StateStore} on ZooKeeper, creating the tree when missing.
 * Rejects with CATAPULT_STORE_FENCED when `epoch` is no longer current.
 * Closing the store does not close the client.
 *
 * @example
 * election.on('elected', async ({ client, epoch }) => {
 *   const store = await openZookeeperStore({ client, rootPath: '/catapult/web', epoch });
 *   const nodes = await store.readNodes('web');
 * });
 */
export function openZookeeperStore(options: ZookeeperStoreOptions): Promise<RecordStore> {
  return openRecordStore({
    backend: options.client,
    layout: new StoreLayout(options.rootPath),
    epoch: options.epoch,
    logger: options.logger,
    limits: options.limits,
    readConcurrency: options.readConcurrency,
  });
}
