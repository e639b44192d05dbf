/**
 * The runtime's state as one JSON value: the framework (id, role,
 * subscription, counters) and every app with its nodes, each node with its
 * placement, why it is still pending (the summary and the structured
 * reason of the last offers), and its journal. What `/api/state` serves.
 */
import { currentTaskId, type HistoryEntry } from '../../../machines';
import type { NodeHost } from '../../nodes';
import type { PlacementReason } from '../placement';
import type { LeaderTerm } from './leader-term';
import type { RuntimeMetrics } from './runtime-metrics';

/** One node in {@link RuntimeState}. */
export interface RuntimeNodeState {
  nodeId: string;
  /** The node machine's state (`pending`, `running`, ...). */
  state: string;
  incarnation: number;
  /** The current task id `<nodeId>.<incarnation>`, once launched. */
  taskId: string | null;
  agentId: string | null;
  hostname: string | null;
  /** One line on why the node is not placed yet, while pending. */
  pendingReason: string | null;
  /** What ruled out each offer of the last round, while pending and unplaced. */
  pendingDetail: PlacementReason | null;
  /** The node's persisted journal, oldest first. */
  history: HistoryEntry[];
}

/** One app in {@link RuntimeState}. */
export interface RuntimeAppState {
  appId: string;
  name: string;
  /** The user's class name the app is restored as. */
  typeName: string;
  /** The app machine's state (`initializing`, `active`, ...). */
  state: string;
  initialized: boolean;
  /** Nodes per node state. */
  counts: Record<string, number>;
  nodes: RuntimeNodeState[];
}

/** The whole state; `apps` is empty on a standby (only the leader holds the live actors). */
export interface RuntimeState {
  framework: {
    frameworkId: string | null;
    name: string;
    role: 'leader' | 'standby' | 'stopped';
    /** `standby`, `leading.subscribing`, `leading.subscribed`, `leading.disconnected` or `stopped`. */
    state: string;
    subscribed: boolean;
    masterUrl: string | null;
    metrics: RuntimeMetrics;
  };
  apps: RuntimeAppState[];
}

/** What the state is read from; the scheduler runtime is one. */
export interface RuntimeStateSource {
  readonly role: 'leader' | 'standby' | 'stopped';
  readonly frameworkState: string;
  readonly subscribed: boolean;
  readonly frameworkId: string | undefined;
  readonly masterUrl: string | undefined;
  readonly currentTerm: LeaderTerm | undefined;
  readonly options: { frameworkInfo: { name: string } };
  metricsSnapshot(): RuntimeMetrics;
}

/** One node's state. */
export function nodeState(host: NodeHost, unplaced: ReadonlyMap<string, PlacementReason>): RuntimeNodeState {
  const snapshot = host.snapshot;
  const context = snapshot.context;
  const state = host.state;
  return {
    nodeId: host.nodeId,
    state,
    incarnation: context.incarnation,
    taskId: context.launched ? currentTaskId(context) : null,
    agentId: context.agentId,
    hostname: context.hostname,
    pendingReason: state === 'pending' ? context.pendingReason : null,
    pendingDetail: state === 'pending' ? (unplaced.get(host.nodeId) ?? null) : null,
    history: context.history,
  };
}

/** The state of `source` now. O(nodes): for on-demand requests, not for every change. */
export function runtimeState(source: RuntimeStateSource): RuntimeState {
  const term = source.currentTerm;
  const framework = {
    frameworkId: source.frameworkId ?? null,
    name: source.options.frameworkInfo.name,
    role: source.role,
    state: source.frameworkState,
    subscribed: source.subscribed,
    masterUrl: source.masterUrl ?? null,
    metrics: source.metricsSnapshot(),
  };
  if (!term) return { framework, apps: [] };
  const apps = term.api.apps().map((hosted): RuntimeAppState => {
    const app = term.nodes.apps.get(hosted.appId);
    const meta = hosted.meta();
    const nodes = [...(app?.nodes.values() ?? [])].map((host) => nodeState(host, term.round.unplaced));
    return {
      appId: hosted.appId,
      name: meta.name,
      typeName: meta.typeName,
      state: String(app?.snapshot.value ?? 'unknown'),
      initialized: hosted.initialized(),
      counts: { ...(app?.snapshot.context.counts ?? {}) },
      nodes,
    };
  });
  return { framework, apps };
}
