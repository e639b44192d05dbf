/**
 * The scheduler runtime: leadership, the Mesos subscription, offers, status
 * updates, acknowledgements, reconciliation and messages, around the
 * persisted node actors.
 */
export { SchedulerRuntime } from './scheduler-runtime';
export type { SchedulerRole, NodeChangeListener } from './scheduler-runtime';
export type { RuntimeChange, RuntimeChangeListener } from './runtime-changes';
export { runtimeState } from './runtime-state';
export type { RuntimeState, RuntimeAppState, RuntimeNodeState, RuntimeStateSource } from './runtime-state';
export { RuntimeDashboardSource } from './dashboard-adapter';
export type { DashboardRuntime } from './dashboard-adapter';
export { LaunchWatch } from './launch-watch';
export type { LaunchWatchOptions } from './launch-watch';
export { timedStore } from './timed-store';
export type { SchedulerRuntimeOptions, RuntimeHooks, RuntimeZooKeeperOptions } from './runtime-options';
export type { RuntimeApi } from './runtime-api';
export type { HostedApp, HostedNode, AppMeta, NodeMeta, NodeTransition, CommandHandler } from './node-host-port';
export { buildFrameworkInfo } from './framework-info';
export type { FrameworkInfoOptions } from './framework-info';
export { readFrameworkRecord, writeFrameworkRecord } from './framework-record';
export type { FrameworkRecord } from './framework-record';
export { MesosConnection } from './mesos-connection';
export type { MesosConnectionOptions, SubscriptionClient } from './mesos-connection';
export { OfferBook } from './offer-book';
export type { AcceptBatch } from './offer-book';
export { Reconciler } from './reconciler';
export type { ReconcilerOptions } from './reconciler';
export { MetricsRecorder } from './runtime-metrics';
export type { RuntimeMetrics } from './runtime-metrics';
export { wrapFrameworkMessage, unwrapFrameworkMessage } from './framework-envelope';
export { nodeInfoToJson, nodeInfoFromJson } from './node-info';
export {
  CorruptFrameworkRecordError,
  FrameworkRemovedError,
  NotLeaderError,
  RuntimeStoppedError,
  UnknownAppError,
  UnknownNodeError,
} from './runtime-errors';
