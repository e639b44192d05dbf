/**
 * Options of the {@link SchedulerRuntime}, and the hooks through which the
 * layer above (the callback API) follows it.
 */
import type { NodeMachine, NodeOptions } from '../../../machines';
import type { ElectionClient, LeadershipTerm, StateStore } from '../../store';
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/logger';
import type { Random } from '../../util/random';
import type { CommandInfo } from '../../wire';
import type { OfferPolicyOptions } from '../placement';
import type { FrameworkInfoOptions } from './framework-info';
import type { SubscriptionClient } from './mesos-connection';
import type { RuntimeApi } from './runtime-api';

/** Reactions of the layer above; every one is optional. */
export interface RuntimeHooks {
  /** Elected, and every app and node restored (not yet subscribed). */
  onLeading?(api: RuntimeApi): void | Promise<void>;
  /** Subscribed to Mesos with a durable FrameworkID. */
  onConnected?(frameworkId: string): void | Promise<void>;
  /** The subscription ended; the runtime re-subscribes by itself. */
  onDisconnected?(): void;
  /** Leadership ended (suspended, deposed or stopped): every actor was dropped. */
  onSteppedDown?(reason: string): void;
  /** Mesos refused the FrameworkID for good (reported once per id). */
  onFrameworkRemoved?(frameworkId: string, message: string): void;
  /** A node record was removed (its machine reached `removed`). */
  onNodeRemoved?(appId: string, nodeId: string): void;
}

/** How the runtime reaches ZooKeeper. */
export interface RuntimeZooKeeperOptions {
  /** `host:port[,host:port]`. */
  connectString: string;
  /** Root of catapult's tree, e.g. `/catapult/my-framework`. */
  rootPath: string;
  sessionTimeoutMs?: number;
  auth?: { user: string; password: string };
  /** Replaces the connection (tests). */
  connect?: () => Promise<ElectionClient>;
}

export interface SchedulerRuntimeOptions {
  frameworkInfo: FrameworkInfoOptions;
  zooKeeper: RuntimeZooKeeperOptions;
  /** `http://h:p[,http://h2:p]` or `zk://h:p/mesos`. */
  masters: string;
  encoding?: 'json' | 'protobuf';
  /** The node machine (default, or customized and with callbacks provided). */
  nodeMachine?: NodeMachine;
  nodeDefaults?: Partial<NodeOptions>;
  killGracePeriodSeconds?: number;
  extraUris?: CommandInfo['uris'];
  offerPolicy?: OfferPolicyOptions;
  /** When Mesos removed the FrameworkID: stop (default) or register as a new framework. */
  onFrameworkRemoved?: 'stop' | 'register-new';
  /**
   * Explicit reconciliation backoff, the implicit period, and how long a
   * launched task may stay silent before it is reconciled (default 30 s).
   */
  reconciliation?: { initialBackoffMs?: number; maxBackoffMs?: number; implicitIntervalMs?: number; launchUpdateTimeoutMs?: number };
  /** Re-subscribe backoff bounds. */
  resubscribe?: { initialMs?: number; maxMs?: number };
  clock: Clock;
  random: Random;
  logger: Logger;
  hooks?: RuntimeHooks;
  /** Replaces the leader election (tests: a fake that elects at once). */
  election?: ElectionSource;
  /** Replaces how a won term opens its store (tests: a memory store, a gated store). */
  openStore?: (term: LeadershipTerm<ElectionClient>) => Promise<StateStore>;
  /** Replaces the Mesos client (tests). */
  client?: SubscriptionClient & { close(): Promise<void>; useMaster?(url: string): void };
}

/** What the runtime needs of a leader election; {@link LeaderElection} is one. */
export interface ElectionSource {
  start(): void;
  stop(): Promise<void>;
  on(event: 'elected' | 'resumed', listener: (term: LeadershipTerm<ElectionClient>) => void): () => void;
  on(event: 'suspended', listener: () => void): () => void;
  on(event: 'deposed', listener: (reason: string) => void): () => void;
}
