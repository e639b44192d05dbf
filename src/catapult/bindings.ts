/**
 * The link between a user's app and node objects and the runtime that hosts
 * them. Kept in WeakMaps rather than fields, so a user's subclass has no
 * runtime internals to trip over and a detached object simply has no binding.
 */
import type { NodeContext } from '../../machines';
import type { AppDriver } from './catapult-types';

/** What a node object reads from its live actor. */
export interface NodeView {
  readonly appId: string;
  readonly nodeId: string;
  /** The node machine's current state name. */
  state(): string;
  context(): NodeContext;
  userData(): Uint8Array | undefined;
}

const nodeViews = new WeakMap<object, NodeView>();
const appDrivers = new WeakMap<object, AppDriver>();

/** Binds a node object to its actor; pass undefined to detach it. */
export function bindNode(node: object, view: NodeView | undefined): void {
  if (view) nodeViews.set(node, view);
  else nodeViews.delete(node);
}

export function nodeViewOf(node: object): NodeView | undefined {
  return nodeViews.get(node);
}

/** Binds an app object to its driver; pass undefined to detach it. */
export function bindApp(app: object, driver: AppDriver | undefined): void {
  if (driver) appDrivers.set(app, driver);
  else appDrivers.delete(app);
}

export function driverOf(app: object): AppDriver | undefined {
  return appDrivers.get(app);
}
