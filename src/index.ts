/**
 * catapult: a TypeScript SDK for highly available Apache Mesos frameworks
 * whose node lifecycles are XState machines persisted in ZooKeeper.
 *
 * The scheduler side is the callback API (`MesosAppFramework`,
 * `SchedulerApp`, `SchedulerNode`) over the node machines; the executor side
 * is `MesosApplicationFrameworkExecutor`. More specialised surfaces live in
 * `catapult/machines`, `catapult/wire` and `catapult/devcluster`.
 */

// The callback API (./catapult)
export {
  MesosAppFramework,
  SchedulerApp,
  SchedulerNode,
  TypeRegistry,
  typeNameOf,
  validateSchedulerConfig,
  withNodeCallbacks,
  NODE_CALLBACKS,
  DEFAULT_FAILOVER_TIMEOUT_SECONDS,
  ConfigMissingFieldError,
  ConfigInvalidFieldError,
  InvalidAppNameError,
  AppNotFoundError,
  NodeNotAttachedError,
  AppNotAttachedError,
  NotLeadingError,
  UnknownTypeError,
  AlreadyRunningError,
} from './catapult';
export type {
  MesosAppFrameworkOptions,
  SchedulerConfig,
  ResolvedSchedulerConfig,
  ZooKeeperInfo,
  MesosInfo,
  DashboardConfig,
  FrameworkRemovedPolicy,
  SchedulerNodeInfo,
  MesosAppListener,
  AppFramework,
  AppDriver,
  AppID,
  NodeID,
  AppClass,
  NodeClass,
  RegisteredClass,
  NodeCallbackName,
} from './catapult';

// The machines (../machines): customize node lifecycles
export {
  nodeMachine,
  nodeSetup,
  createNodeMachine,
  appMachine,
  frameworkMachine,
  dueDeadlines,
  defaultRelaunchBackoff,
  DEFAULT_NODE_OPTIONS,
  NODE_STATES,
  TASK_STATES,
  isTerminalTaskState,
} from '../machines';
export type {
  NodeMachine,
  NodeMachineExtension,
  NodeStateName,
  NodeContext,
  NodeEvent,
  NodeOptions,
  NodeCommand,
  HistoryEntry,
  HistoryCause,
  TaskStateName,
  RelaunchBackoffFn,
} from '../machines';

// The scheduler runtime (./scheduler/runtime)
export { SchedulerRuntime, buildFrameworkInfo, RuntimeDashboardSource, FrameworkRemovedError, NotLeaderError } from './scheduler/runtime';
export type {
  SchedulerRuntimeOptions,
  RuntimeHooks,
  RuntimeApi,
  HostedApp,
  HostedNode,
  RuntimeMetrics,
  RuntimeChange,
  RuntimeState,
  RuntimeAppState,
  RuntimeNodeState,
  SchedulerRole,
} from './scheduler/runtime';

// Placement and task building (./scheduler): constraints users write
export { parseConstraint, parseConstraints, CONSTRAINT_TYPES, InvalidConstraintError } from './scheduler/placement';
export type { PlacementConstraint, ConstraintType, PlacementReason } from './scheduler/placement';
export { TASK_LABELS, CATAPULT_ENV } from './scheduler/tasks';
export type { ContainerLiteInfo, SchedulerContainer, SchedulerVolume } from './scheduler/tasks';

// The executor SDK (./executor)
export { MesosApplicationFrameworkExecutor, runMain, MockExecutorEnvironment, encodeFrameworkMessage, decodeFrameworkMessage } from './executor';
export type { ExecutableApp, AppExecutor, ExecutorOptions, MockExecutorEnvironmentOptions } from './executor';

// Wire types users need (./wire)
export { mesos, catapult } from './wire';
export type { TaskInfo, TaskStatus, Offer, FrameworkInfo, CommandInfo, ContainerInfo, FrameworkMessage } from './wire';

// The state store (./store)
export { openZookeeperStore, openMemoryStore, LeaderElection, ZkClient, MemoryZnodeTree } from './store';
export type { ZookeeperStoreOptions, MemoryStoreOptions, LeaderElectionOptions, StateStore } from './store';

// The local cluster (./devcluster)
export { createLocalCluster, createTestCluster } from './devcluster';
export type { LocalCluster, LocalClusterOptions } from './devcluster';

// Time, randomness, logging, errors (./util)
export { ManualClock, systemClock, seededRandom, systemRandom, silentLogger, CatapultError, isCatapultError } from './util';
export type { Clock, TimerHandle, Random, Logger, LogFn } from './util';
