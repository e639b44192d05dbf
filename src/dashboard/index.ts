/**
 * The read-only dashboard a scheduler serves: apps and nodes live, a page per
 * node with its statechart and timeline, Prometheus metrics and a health check.
 */
export { startDashboard } from './start-dashboard';
export { DEFAULT_DASHBOARD_HOST } from './dashboard-options';
export type { DashboardOptions, Dashboard } from './dashboard-options';
export { MACHINE_KINDS } from './dashboard-source';
export type {
  DashboardSource,
  DashboardOverview,
  DashboardChange,
  DashboardMetrics,
  LatencySummary,
  FrameworkSummary,
  AppSummary,
  NodeSummary,
  NodeDetail,
  MachineKind,
} from './dashboard-source';
export { InMemoryDashboardSource } from './in-memory-dashboard-source';
export type { InMemoryDashboardSourceOptions, NodePatch } from './in-memory-dashboard-source';
export { nodeSummaryOf, nodeDetailOf, stateNameOf } from './node-view';
export type { NodeSnapshotLike } from './node-view';
export { LatencyRecorder } from './latency-recorder';
export { prometheusText, PROMETHEUS_CONTENT_TYPE } from './prometheus-metrics';
export { STATE_CATEGORIES, CATEGORY_COLORS, stateCategory } from './state-palette';
export type { StateCategory } from './state-palette';
export { HEARTBEAT_INTERVAL_MS } from './event-stream';
export {
  DashboardUnknownAppError,
  DashboardUnknownNodeError,
  DashboardAssetsMissingError,
  DashboardOptionsError,
  DashboardListenError,
} from './dashboard-errors';
