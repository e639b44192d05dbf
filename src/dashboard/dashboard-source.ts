/**
 * What the dashboard shows, behind one interface: the scheduler runtime
 * implements it from its machines (snapshots for the views, inspection for
 * the changes); {@link InMemoryDashboardSource} implements it for tests and
 * demos. Every method is synchronous and cheap: the dashboard calls them per
 * request.
 */
import type { AnyStateMachine } from 'xstate';
import type { HistoryEntry, NodeDeadlines } from '../../machines';
import type { StateValueLike } from '../visualize/highlight';

/** The machines a dashboard can draw. */
export type MachineKind = 'node' | 'app' | 'framework';
export const MACHINE_KINDS: readonly MachineKind[] = ['node', 'app', 'framework'];

/** The framework as this scheduler sees it. */
export interface FrameworkSummary {
  /** The framework machine's state, e.g. `standby`, `leading.subscribed`. */
  state: string;
  frameworkId?: string;
  /** True on the leading scheduler; a standby serves the dashboard too. */
  leader: boolean;
  masterUrl?: string;
}

/** One node at a glance. */
export interface NodeSummary {
  nodeId: string;
  /** The node machine's state name (`running`, `pending`, ...). */
  state: string;
  /** The current task's incarnation; the task id is `<nodeId>.<incarnation>`. */
  incarnation: number;
  taskId: string | null;
  agentId: string | null;
  hostname: string | null;
  /** Why the node is not placed yet, while it is pending. */
  pendingReason: string | null;
}

/** One node in full: what the node page shows. */
export interface NodeDetail extends NodeSummary {
  appId: string;
  /** The node machine's state value, used to light the statechart (a string for a flat machine). */
  stateValue: StateValueLike;
  /** The node's persisted journal, oldest first. */
  history: HistoryEntry[];
  /** Consecutive failures. */
  failures: number;
  /** Armed durable timers (ms since the epoch). */
  deadlines: NodeDeadlines;
  /** The last Mesos status of the current task, if any. */
  lastStatus: { state: string; reason?: string; message?: string; at: number } | null;
}

/** One app: its state, node counts by state, and its nodes. */
export interface AppSummary {
  appId: string;
  name: string;
  /** The app machine's state (`initializing`, `active`, `removing`, `removed`). */
  state: string;
  /** Number of nodes per node state. */
  counts: Record<string, number>;
  nodes: NodeSummary[];
}

/** Everything the front page shows. */
export interface DashboardOverview {
  framework: FrameworkSummary;
  apps: AppSummary[];
}

/** Something changed; the dashboard forwards each change to its live clients. */
export type DashboardChange =
  | { type: 'node'; appId: string; node: NodeSummary; from: string | null; at: number }
  | { type: 'node.removed'; appId: string; nodeId: string; at: number }
  | { type: 'app'; appId: string; name: string; state: string; at: number }
  | { type: 'app.removed'; appId: string; at: number }
  | { type: 'framework'; framework: FrameworkSummary; at: number };

/** A latency summary: count, sum and a few quantiles, in seconds. */
export interface LatencySummary {
  count: number;
  sumSeconds: number;
  /** E.g. `[{ quantile: 0.5, seconds: 0.004 }, { quantile: 0.99, seconds: 0.02 }]`. */
  quantiles: Array<{ quantile: number; seconds: number }>;
}

/** Counters and gauges for `/metrics`. Counters only grow (until the process restarts). */
export interface DashboardMetrics {
  /** Nodes per node state, over all apps. */
  nodesByState: Record<string, number>;
  transitionsTotal: number;
  offers: { received: number; accepted: number; declined: number };
  acknowledgementsTotal: number;
  persistLatency: LatencySummary;
}

/**
 * The dashboard's view of a scheduler. Implementations must not throw for an
 * unknown app or node: return `undefined`.
 */
export interface DashboardSource {
  /** The framework alone (for `/health` and `/metrics`, without listing every node). */
  framework(): FrameworkSummary;
  overview(): DashboardOverview;
  app(appId: string): AppSummary | undefined;
  node(appId: string, nodeId: string): NodeDetail | undefined;
  /** The machine to draw for a kind, customized machines included. */
  machine(kind: MachineKind): AnyStateMachine;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (change: DashboardChange) => void): () => void;
  metrics(): DashboardMetrics;
}
