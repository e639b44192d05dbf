/**
 * Dashboard views of a node built from its machine snapshot, so a runtime that
 * holds node actors can implement {@link DashboardSource.node} in one line.
 */
import { currentTaskId, type NodeContext } from '../../machines';
import type { StateValueLike } from '../visualize/highlight';
import type { NodeDetail, NodeSummary } from './dashboard-source';

/** The parts of a node actor's snapshot the views read. */
export interface NodeSnapshotLike {
  value: StateValueLike;
  context: NodeContext;
}

/** The top-level state name of a state value (`{ killing: 'x' }` → `killing`). */
export function stateNameOf(value: StateValueLike): string {
  return typeof value === 'string' ? value : (Object.keys(value)[0] ?? '');
}

/** A node's summary from its snapshot. The task id is shown once a launch was emitted. */
export function nodeSummaryOf(snapshot: NodeSnapshotLike): NodeSummary {
  const { context } = snapshot;
  return {
    nodeId: context.nodeId,
    state: stateNameOf(snapshot.value),
    incarnation: context.incarnation,
    taskId: context.launched ? currentTaskId(context) : null,
    agentId: context.agentId,
    hostname: context.hostname,
    pendingReason: context.pendingReason,
  };
}

/** A node's full view from its snapshot. */
export function nodeDetailOf(snapshot: NodeSnapshotLike): NodeDetail {
  const { context } = snapshot;
  const status = context.lastStatus;
  return {
    ...nodeSummaryOf(snapshot),
    appId: context.appId,
    stateValue: snapshot.value,
    history: context.history,
    failures: context.failures,
    deadlines: context.deadlines,
    lastStatus: status
      ? { state: status.state, at: status.at, ...(status.reason ? { reason: status.reason } : {}), ...(status.message ? { message: status.message } : {}) }
      : null,
  };
}
