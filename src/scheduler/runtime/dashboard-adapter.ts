/**
 * The scheduler runtime as a {@link DashboardSource}: the live actors of the
 * leading term for the views, the runtime's changes for the event stream,
 * its counters and persistence latency for `/metrics`. On a standby (or
 * before the first term) it shows the framework with its role and no apps:
 * only the leader holds the live state.
 */
import type { AnyStateMachine } from 'xstate';
import { appMachine, frameworkMachine, nodeMachine } from '../../../machines';
import { nodeDetailOf, nodeSummaryOf } from '../../dashboard/node-view';
import type {
  AppSummary,
  DashboardChange,
  DashboardMetrics,
  DashboardOverview,
  DashboardSource,
  FrameworkSummary,
  MachineKind,
  NodeDetail,
} from '../../dashboard/dashboard-source';
import type { NodeHost } from '../../nodes';
import type { RuntimeChange } from './runtime-changes';
import type { RuntimeState } from './runtime-state';
import type { SchedulerRuntime } from './scheduler-runtime';

/** The parts of the runtime the dashboard reads; {@link SchedulerRuntime} is one. */
export type DashboardRuntime = Pick<
  SchedulerRuntime,
  'role' | 'frameworkState' | 'frameworkId' | 'masterUrl' | 'currentTerm' | 'metrics' | 'onChange' | 'app' | 'state'
> & { readonly options: Pick<SchedulerRuntime['options'], 'nodeMachine'> };

export class RuntimeDashboardSource implements DashboardSource {
  constructor(private readonly runtime: DashboardRuntime) {}

  framework(): FrameworkSummary {
    const { runtime } = this;
    const summary: FrameworkSummary = { state: runtime.frameworkState, leader: runtime.role === 'leader' };
    if (runtime.frameworkId !== undefined) summary.frameworkId = runtime.frameworkId;
    if (runtime.masterUrl !== undefined) summary.masterUrl = runtime.masterUrl;
    return summary;
  }

  overview(): DashboardOverview {
    const term = this.runtime.currentTerm;
    const apps = term ? [...term.nodes.apps.keys()].map((appId) => this.app(appId)).filter((a): a is AppSummary => a !== undefined) : [];
    return { framework: this.framework(), apps };
  }

  app(appId: string): AppSummary | undefined {
    const term = this.runtime.currentTerm;
    const app = term?.nodes.apps.get(appId);
    const hosted = this.runtime.app(appId);
    if (!app || !hosted) return undefined;
    return {
      appId,
      name: hosted.meta().name,
      state: String(app.snapshot.value),
      counts: { ...app.snapshot.context.counts },
      nodes: [...app.nodes.values()].map((host) => nodeSummaryOf(host.snapshot)),
    };
  }

  node(appId: string, nodeId: string): NodeDetail | undefined {
    const host = this.host(nodeId);
    return host && host.appId === appId ? nodeDetailOf(host.snapshot) : undefined;
  }

  machine(kind: MachineKind): AnyStateMachine {
    if (kind === 'node') return (this.runtime.options.nodeMachine ?? nodeMachine) as unknown as AnyStateMachine;
    if (kind === 'app') return appMachine as unknown as AnyStateMachine;
    return frameworkMachine as unknown as AnyStateMachine;
  }

  subscribe(listener: (change: DashboardChange) => void): () => void {
    return this.runtime.onChange((change) => {
      const mapped = this.toDashboardChange(change);
      if (mapped) listener(mapped);
    });
  }

  metrics(): DashboardMetrics {
    const { metrics, currentTerm } = this.runtime;
    const counters = metrics.snapshot();
    const nodesByState: Record<string, number> = {};
    // The app machines keep per-state counts: O(apps), not O(nodes), per scrape.
    for (const app of currentTerm?.nodes.apps.values() ?? []) {
      for (const [state, count] of Object.entries(app.snapshot.context.counts)) nodesByState[state] = (nodesByState[state] ?? 0) + count;
    }
    return {
      nodesByState,
      transitionsTotal: counters.transitions,
      offers: { received: counters.offersReceived, accepted: counters.offersAccepted, declined: counters.offersDeclined },
      acknowledgementsTotal: counters.acksSent,
      persistLatency: metrics.persistLatency(),
    };
  }

  /** The runtime's whole state (`/api/state`), for a dashboard route that serves it. */
  state(): RuntimeState {
    return this.runtime.state();
  }

  private host(nodeId: string): NodeHost | undefined {
    return this.runtime.currentTerm?.nodes.nodes.get(nodeId);
  }

  private toDashboardChange(change: RuntimeChange): DashboardChange | undefined {
    switch (change.type) {
      case 'node': {
        const host = this.host(change.nodeId);
        return host ? { type: 'node', appId: change.appId, node: nodeSummaryOf(host.snapshot), from: change.from, at: change.at } : undefined;
      }
      case 'node.removed':
        return change;
      case 'app': {
        const app = this.app(change.appId);
        return app ? { type: 'app', appId: change.appId, name: app.name, state: app.state, at: change.at } : undefined;
      }
      case 'framework':
        return { type: 'framework', framework: this.framework(), at: change.at };
    }
  }
}
