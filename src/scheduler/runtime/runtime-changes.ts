/**
 * What changed in a scheduler runtime, for watchers such as the dashboard
 * and tests: each change names what to re-read, the runtime holds the rest.
 */

/** A change of a node, an app, or the framework (leadership, subscription). */
export type RuntimeChange =
  /** A node's state changed (`from` is null when it was added or restored), or, with `from` equal to `to`, why it is pending. */
  | { type: 'node'; appId: string; nodeId: string; from: string | null; to: string; at: number }
  /** A node reached `removed` and is no longer hosted. */
  | { type: 'node.removed'; appId: string; nodeId: string; at: number }
  /** An app was created, restored or initialized. */
  | { type: 'app'; appId: string; at: number }
  /** Leadership or the Mesos subscription changed. */
  | { type: 'framework'; at: number };

/** Receives every change; must not throw (a throw is logged and ignored). */
export type RuntimeChangeListener = (change: RuntimeChange) => void;
