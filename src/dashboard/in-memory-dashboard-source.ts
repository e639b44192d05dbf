/**
 * A {@link DashboardSource} kept in memory and driven by hand: add apps and
 * nodes, move nodes between states (each move is journaled like the node
 * machine journals it), count offers. For tests, demos and screenshots.
 */
import type { AnyStateMachine } from 'xstate';
import { appMachine, frameworkMachine, nodeMachine, type HistoryCause } from '../../machines';
import { systemClock, type Clock } from '../util/clock';
import type {
  AppSummary,
  DashboardChange,
  DashboardMetrics,
  DashboardOverview,
  DashboardSource,
  FrameworkSummary,
  MachineKind,
  NodeDetail,
  NodeSummary,
} from './dashboard-source';
import { DashboardUnknownAppError, DashboardUnknownNodeError } from './dashboard-errors';
import { LatencyRecorder } from './latency-recorder';

export interface InMemoryDashboardSourceOptions {
  clock?: Clock;
  /** Machines to draw instead of the built-in ones (e.g. a customized node machine). */
  machines?: Partial<Record<MachineKind, AnyStateMachine>>;
  framework?: Partial<FrameworkSummary>;
}

/** What may change about a node besides its state. */
export type NodePatch = Partial<Omit<NodeDetail, 'appId' | 'nodeId' | 'state' | 'stateValue' | 'history'>>;

interface AppRecord {
  appId: string;
  name: string;
  state: string;
  nodes: Map<string, NodeDetail>;
}

function summaryOf(node: NodeDetail): NodeSummary {
  const { nodeId, state, incarnation, taskId, agentId, hostname, pendingReason } = node;
  return { nodeId, state, incarnation, taskId, agentId, hostname, pendingReason };
}

/**
 * @example
 * const source = new InMemoryDashboardSource({ clock });
 * source.addApp('web');
 * source.addNode('web', 'web-0', { state: 'running', hostname: 'agent-1' });
 * source.transition('web', 'web-0', 'failed', { cause: { kind: 'mesos', taskId: 'web-0.1', state: 'TASK_FAILED' } });
 * const dashboard = await startDashboard({ source, port: 0 });
 */
export class InMemoryDashboardSource implements DashboardSource {
  private readonly clock: Clock;
  private readonly machines: Record<MachineKind, AnyStateMachine>;
  private readonly apps = new Map<string, AppRecord>();
  private readonly listeners = new Set<(change: DashboardChange) => void>();
  private frameworkSummary: FrameworkSummary;
  private transitionsTotal = 0;
  private acknowledgementsTotal = 0;
  private readonly offers = { received: 0, accepted: 0, declined: 0 };
  private readonly persistLatency = new LatencyRecorder();

  constructor(options: InMemoryDashboardSourceOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.machines = {
      node: nodeMachine as unknown as AnyStateMachine,
      app: appMachine as unknown as AnyStateMachine,
      framework: frameworkMachine as unknown as AnyStateMachine,
      ...options.machines,
    };
    this.frameworkSummary = { state: 'leading.subscribed', leader: true, ...options.framework };
  }

  framework(): FrameworkSummary {
    return { ...this.frameworkSummary };
  }

  overview(): DashboardOverview {
    return { framework: this.framework(), apps: [...this.apps.keys()].map((id) => this.app(id) as AppSummary) };
  }

  app(appId: string): AppSummary | undefined {
    const app = this.apps.get(appId);
    if (!app) return undefined;
    const nodes = [...app.nodes.values()].map(summaryOf);
    const counts: Record<string, number> = {};
    for (const node of nodes) counts[node.state] = (counts[node.state] ?? 0) + 1;
    return { appId, name: app.name, state: app.state, counts, nodes };
  }

  node(appId: string, nodeId: string): NodeDetail | undefined {
    const node = this.apps.get(appId)?.nodes.get(nodeId);
    return node ? { ...node, history: [...node.history] } : undefined;
  }

  machine(kind: MachineKind): AnyStateMachine {
    return this.machines[kind];
  }

  subscribe(listener: (change: DashboardChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  metrics(): DashboardMetrics {
    const nodesByState: Record<string, number> = {};
    for (const app of this.apps.values()) for (const node of app.nodes.values()) nodesByState[node.state] = (nodesByState[node.state] ?? 0) + 1;
    return {
      nodesByState,
      transitionsTotal: this.transitionsTotal,
      offers: { ...this.offers },
      acknowledgementsTotal: this.acknowledgementsTotal,
      persistLatency: this.persistLatency.summary(),
    };
  }

  /** Changes what is known about the framework (state, leadership, ids). */
  setFramework(patch: Partial<FrameworkSummary>): void {
    this.frameworkSummary = { ...this.frameworkSummary, ...patch };
    this.emit({ type: 'framework', framework: this.framework(), at: this.clock.now() });
  }

  /** Adds an app (or changes its name and state). */
  addApp(appId: string, options: { name?: string; state?: string } = {}): void {
    const existing = this.apps.get(appId);
    const app = { appId, name: options.name ?? existing?.name ?? appId, state: options.state ?? existing?.state ?? 'active', nodes: existing?.nodes ?? new Map() };
    this.apps.set(appId, app);
    this.emit({ type: 'app', appId, name: app.name, state: app.state, at: this.clock.now() });
  }

  removeApp(appId: string): void {
    if (this.apps.delete(appId)) this.emit({ type: 'app.removed', appId, at: this.clock.now() });
  }

  /** Adds a node in `init.state` (`pending` by default), journaled as created. */
  addNode(appId: string, nodeId: string, init: NodePatch & { state?: string } = {}): NodeDetail {
    const app = this.requireApp(appId);
    const at = this.clock.now();
    const state = init.state ?? 'pending';
    const node: NodeDetail = {
      nodeId,
      state,
      incarnation: 0,
      taskId: null,
      agentId: null,
      hostname: null,
      pendingReason: state === 'pending' ? 'waiting for an offer' : null,
      failures: 0,
      deadlines: {},
      lastStatus: null,
      ...init,
      appId,
      stateValue: state,
      history: [{ at, from: null, to: state, cause: { kind: 'created' } }],
    };
    app.nodes.set(nodeId, node);
    this.emit({ type: 'node', appId, node: summaryOf(node), from: null, at });
    return this.node(appId, nodeId) as NodeDetail;
  }

  /** Moves a node to state `to`, appending a journal entry, and applies `patch`. */
  transition(appId: string, nodeId: string, to: string, options: NodePatch & { cause?: HistoryCause } = {}): NodeDetail {
    const node = this.requireNode(appId, nodeId);
    const { cause = { kind: 'other', type: 'manual' }, ...patch } = options;
    const at = this.clock.now();
    const from = node.state;
    Object.assign(node, { pendingReason: to === 'pending' ? node.pendingReason ?? 'waiting for an offer' : null }, patch, { state: to, stateValue: to });
    node.history.push({ at, from, to, cause });
    this.transitionsTotal++;
    this.emit({ type: 'node', appId, node: summaryOf(node), from, at });
    return this.node(appId, nodeId) as NodeDetail;
  }

  /** Changes a node without a transition (e.g. a new pending reason). */
  updateNode(appId: string, nodeId: string, patch: NodePatch): NodeDetail {
    const node = this.requireNode(appId, nodeId);
    Object.assign(node, patch);
    this.emit({ type: 'node', appId, node: summaryOf(node), from: node.state, at: this.clock.now() });
    return this.node(appId, nodeId) as NodeDetail;
  }

  removeNode(appId: string, nodeId: string): void {
    if (this.requireApp(appId).nodes.delete(nodeId)) this.emit({ type: 'node.removed', appId, nodeId, at: this.clock.now() });
  }

  /** Counts offers by outcome. */
  recordOffers(counts: Partial<DashboardMetrics['offers']>): void {
    this.offers.received += counts.received ?? 0;
    this.offers.accepted += counts.accepted ?? 0;
    this.offers.declined += counts.declined ?? 0;
  }

  recordAcknowledgements(count = 1): void {
    this.acknowledgementsTotal += count;
  }

  recordPersistLatency(seconds: number): void {
    this.persistLatency.record(seconds);
  }

  private requireApp(appId: string): AppRecord {
    const app = this.apps.get(appId);
    if (!app) throw new DashboardUnknownAppError(appId);
    return app;
  }

  private requireNode(appId: string, nodeId: string): NodeDetail {
    const node = this.requireApp(appId).nodes.get(nodeId);
    if (!node) throw new DashboardUnknownNodeError(appId, nodeId);
    return node;
  }

  private emit(change: DashboardChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}
