/**
 * The JSON a hello (or deployer) scheduler serves about its apps: each app
 * with its nodes, and for each node its id, state, incarnation, task id,
 * agent and transition history. Built from the public callback API only
 * (apps, nodes and their getters), so it shows what any user's code can see.
 */
import type { HistoryEntry } from '../../machines';
import type { AppFramework, SchedulerApp, SchedulerNode } from '../../src';

export interface NodeView {
  id: string | undefined;
  state: string;
  incarnation: number | undefined;
  taskId: string | undefined;
  agentId: string | undefined;
  hostname: string | undefined;
  /** Why the node is not placed yet, while it is pending. */
  pendingReason: string | undefined;
  failures: number | undefined;
  history: readonly HistoryEntry[];
}

export interface AppView {
  id: string | undefined;
  name: string;
  /** Number of nodes per state, e.g. `{ running: 4, relaunching: 1 }`. */
  counts: Record<string, number>;
  nodes: NodeView[];
}

export interface StateView {
  /** True while this scheduler leads (it alone knows the live state). */
  leading: boolean;
  frameworkId: string | undefined;
  apps: AppView[];
}

export function nodeView(node: SchedulerNode): NodeView {
  const context = node.context;
  return {
    id: node.nodeId,
    state: node.state,
    incarnation: node.incarnation,
    taskId: node.taskId,
    agentId: node.agentId,
    hostname: node.hostname,
    pendingReason: node.state === 'pending' ? node.pendingReason : undefined,
    failures: context?.failures,
    history: context?.history ?? [],
  };
}

/** The `<n>` of a node id `<appId>-<n>`, so nodes sort oldest first. */
function nodeIndex(node: SchedulerNode): number {
  return Number(/-(\d+)$/.exec(node.nodeId ?? '')?.[1] ?? Number.MAX_SAFE_INTEGER);
}

/** The nodes that are part of the app: not removed and not being removed. Oldest first. */
export function memberNodes(app: SchedulerApp): SchedulerNode[] {
  return app
    .getNodes()
    .filter((n) => n.state !== 'removed' && n.context?.killIntent !== 'remove')
    .sort((a, b) => nodeIndex(a) - nodeIndex(b));
}

export function appView(app: SchedulerApp, options: { history?: boolean } = {}): AppView {
  const nodes = memberNodes(app).map(nodeView);
  const counts: Record<string, number> = {};
  for (const node of nodes) counts[node.state] = (counts[node.state] ?? 0) + 1;
  return {
    id: app.appId,
    name: app.name,
    counts,
    nodes: options.history === false ? nodes.map((n) => ({ ...n, history: [] })) : nodes,
  };
}

/** Every app the framework hosts; empty (and `leading: false`) on a standby. */
export function stateView(framework: AppFramework | undefined, leading: boolean): StateView {
  if (!framework || !leading) return { leading: false, frameworkId: framework?.frameworkId, apps: [] };
  const apps = framework
    .getApps()
    .map((id) => framework.getApp(id))
    .filter((app): app is SchedulerApp => app !== undefined)
    .map((app) => appView(app));
  return { leading, frameworkId: framework.frameworkId, apps };
}
