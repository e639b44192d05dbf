/** The app machine's events and context. */

export interface AppContext {
  appId: string;
  /** True once the app's `initialized` callback was allowed to run; it never runs again. */
  initialized: boolean;
  /** How many nodes the app wants (informational; the callback layer acts on it). */
  desiredNodes: number;
  /** Nodes currently hosted (added and not yet removed). */
  nodeCount: number;
  /** Next index for `<appId>-<n>` node ids; never reused. */
  nextNodeIndex: number;
  /** Number of nodes per node state name. */
  counts: Record<string, number>;
  createdAt: number;
}

export interface AppInput {
  appId: string;
  at: number;
  desiredNodes?: number;
}

export type AppEvent =
  | { type: 'app.initialize'; at: number }
  | { type: 'app.scale'; desiredNodes: number; at: number }
  | { type: 'app.remove'; at: number }
  | { type: 'node.added'; nodeId: string; state: string; at: number }
  | { type: 'node.changed'; nodeId: string; from: string; to: string; at: number }
  | { type: 'node.removed'; nodeId: string; state: string; at: number }
  | { type: 'nodes.recount'; counts: Record<string, number>; at: number };
