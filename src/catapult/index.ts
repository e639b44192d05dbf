/**
 * catapult's callback API, with the Java catapult's names: extend
 * {@link SchedulerApp} and {@link SchedulerNode}, implement a
 * {@link MesosAppListener}, and run a {@link MesosAppFramework}.
 */

// Entry point
export { MesosAppFramework } from './mesos-app-framework';
export type { MesosAppFrameworkOptions } from './mesos-app-framework';

// Configuration
export { validateSchedulerConfig, zooKeeperTarget, DEFAULT_FAILOVER_TIMEOUT_SECONDS } from './scheduler-config';
export type {
  SchedulerConfig,
  ResolvedSchedulerConfig,
  ZooKeeperInfo,
  MesosInfo,
  DashboardConfig,
  FrameworkRemovedPolicy,
} from './scheduler-config';

// What users extend and implement
export { SchedulerApp } from './scheduler-app';
export { SchedulerNode } from './scheduler-node';
export type { SchedulerNodeInfo } from './scheduler-node';
export type { MesosAppListener, AppFramework, AppDriver, AppID, NodeID } from './catapult-types';

// Restoring user classes
export { TypeRegistry, typeNameOf } from './type-registry';
export type { AppClass, NodeClass, RegisteredClass } from './type-registry';

// Callbacks as machine actions
export { withNodeCallbacks, NODE_CALLBACKS } from './node-callbacks';
export type { NodeCallbackName, NodeCallbackSink } from './node-callbacks';

// Errors
export {
  ConfigMissingFieldError,
  ConfigInvalidFieldError,
  InvalidAppNameError,
  AppNotFoundError,
  NodeNotAttachedError,
  AppNotAttachedError,
  NotLeadingError,
  UnknownTypeError,
  AlreadyRunningError,
} from './catapult-errors';
