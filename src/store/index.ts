/**
 * Persistence in ZooKeeper: the client seam, the state store and leader election.
 */
export { ZkClient } from './zookeeper/zk-client';
export type { ZkClientOptions, ZkClientState, ZkClientEvent, ZkSessionCredentials } from './zookeeper/zk-client';
export { ZkTransaction } from './zookeeper/zk-transaction';
export { ZkPerms, OPEN_ACL, digestAcl, digestId } from './zookeeper/digest-acl';
export type { ZkAcl, ZkDigestAuth } from './zookeeper/digest-acl';
export {
  ZK_CODES,
  ZkError,
  ZkNoNodeError,
  ZkNodeExistsError,
  ZkBadVersionError,
  ZkNotEmptyError,
  ZkNoAuthError,
  ZkConnectionLossError,
  ZkSessionExpiredError,
  ZkAuthFailedError,
  ZkRequestTimeoutError,
  ZkConnectTimeoutError,
  ZkClientClosedError,
  ZkServerError,
  zkErrorFromCode,
  hasZkCode,
} from './zookeeper/zk-errors';
export type { ZkErrorContext } from './zookeeper/zk-errors';
export { asBuffer } from './znode-backend';
export type {
  ZnodeBackend,
  ZnodeStat,
  ZnodeData,
  ZnodeOp,
  ZnodeOpResult,
  ZnodeCreateMode,
  ZnodeEvent,
  ZnodeWatcher,
} from './znode-backend';

// The state store.
export { StoreLayout, validateId } from './layout';
export { frameworkKey, appKey, nodeKey, putRecord, deleteRecord } from './state-store';
export type { StateStore, RecordKey, StoreWrite, StoredRecord, TrackedVersion } from './state-store';
export {
  StoreVersionConflictError,
  StoreFencedError,
  StoreInvalidIdError,
  StoreCommitTooLargeError,
  StoreAppNotFoundError,
  StoreAppNotEmptyError,
  StoreClosedError,
} from './store-errors';
export { RecordStore, MAX_COMMIT_BYTES } from './record-store';
export type { RecordStoreOptions } from './record-store';
export { ensureLayout, bumpEpoch, currentEpoch, openRecordStore } from './store-bootstrap';
export { WriteCoalescer, DEFAULT_COALESCER_LIMITS } from './write-coalescer';
export type { CoalescerLimits, CoalescedRequest, BatchOutcome, BatchRunner, CoalescerStats } from './write-coalescer';
export { MemoryZnodeTree } from './memory-znode-tree';
export { openMemoryStore } from './memory-store';
export type { MemoryStoreOptions } from './memory-store';
export { openZookeeperStore } from './zookeeper/zookeeper-store';
export type { ZookeeperStoreOptions } from './zookeeper/zookeeper-store';
export { LeaderElection } from './zookeeper/leader-election';
export type { LeaderElectionOptions, LeadershipTerm, ElectionClient, ElectionState } from './zookeeper/leader-election';
export { electionOrder, memberSequence } from './zookeeper/election-member';
