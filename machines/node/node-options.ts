import type { NodeContext, NodeInput, NodeOptions } from './node-types';

/** The node machine's defaults. */
export const DEFAULT_NODE_OPTIONS: Readonly<NodeOptions> = Object.freeze({
  backoffInitialMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  stableAfterMs: 10 * 60_000,
  killRetryMs: 30_000,
  launchTimeoutMs: 5 * 60_000,
  unreachableTimeoutMs: 15 * 60_000,
  maxFailures: null,
  historyLimit: 50,
});

/** The task id of a node's incarnation: `<nodeId>.<incarnation>`. */
export function taskIdOf(nodeId: string, incarnation: number): string {
  return `${nodeId}.${incarnation}`;
}

/** The node's current task id. */
export function currentTaskId(context: Pick<NodeContext, 'nodeId' | 'incarnation'>): string {
  return taskIdOf(context.nodeId, context.incarnation);
}

/**
 * Splits a task id into node id and incarnation, or returns null when it is
 * not of the form `<nodeId>.<incarnation>`.
 */
export function parseTaskId(taskId: string): { nodeId: string; incarnation: number } | null {
  const dot = taskId.lastIndexOf('.');
  if (dot <= 0) return null;
  const incarnation = Number(taskId.slice(dot + 1));
  if (!Number.isSafeInteger(incarnation) || incarnation < 1) return null;
  return { nodeId: taskId.slice(0, dot), incarnation };
}

/** The initial context for a node input. */
export function initialNodeContext(input: NodeInput): NodeContext {
  return {
    appId: input.appId,
    nodeId: input.nodeId,
    incarnation: 1,
    launched: false,
    failures: 0,
    stateName: null,
    pendingReason: null,
    agentId: null,
    hostname: null,
    executorId: null,
    offerId: null,
    ports: null,
    lastStatus: null,
    killIntent: null,
    deadlines: {},
    outbox: [],
    commandSeq: 0,
    history: [],
    options: { ...DEFAULT_NODE_OPTIONS, ...input.options },
    createdAt: input.at,
  };
}
