/**
 * An app: the class users extend to deploy and orchestrate nodes.
 */
import { driverOf } from './bindings';
import type { AppDriver, AppID } from './catapult-types';
import type { SchedulerNode, SchedulerNodeInfo } from './scheduler-node';

/**
 * An application made of nodes. Extend it, launch nodes in `initialized`.
 *
 * `initialized` runs exactly once in the app's life, persisted as a flag of
 * the app's machine: a new leader that restores the app does not call it
 * again (the Java catapult did, which launched every node twice unless user
 * code checked). Restored nodes come back by themselves.
 *
 * Restored after a failover as the same subclass: name it in
 * `options.types`, or give it a `static typeName`; registering an app of the
 * same name on the new leader adopts the restored one.
 *
 * @example
 * class Web extends SchedulerApp {
 *   constructor() { super('web'); }
 *   initialized(driver: AppDriver) {
 *     for (let i = 0; i < 3; i++) void driver.launchNode(new SchedulerNode(nodeInfo(i)));
 *   }
 * }
 */
export class SchedulerApp {
  /** The name the app's class is stored under; default: the class's name. */
  static typeName?: string;

  /** The app's name; also its id. */
  constructor(readonly name: string) {}

  /** Called once, when the app is first registered and persisted. Launch nodes here. */
  initialized(driver: AppDriver, appId: AppID): void | Promise<void> {}

  /** The app could not be registered or restored (its record is unreadable, or `initialized` threw). */
  initFailed(error: Error): void {}

  /** Bytes from a node's executor. Default: delivered to `node.message`. */
  message(driver: AppDriver, node: SchedulerNode, data: Uint8Array): void | Promise<void> {
    return node.message(driver, data);
  }

  /**
   * Builds the node object of a restored node. Default: undefined, and the
   * framework uses the class stored with the node (from its type registry).
   * Override it to rebuild nodes yourself (the Java catapult's `reregisterNode`).
   */
  createNode(info: SchedulerNodeInfo, typeName: string): SchedulerNode | undefined {
    return undefined;
  }

  /** The app's id once registered. */
  get appId(): AppID | undefined {
    return driverOf(this)?.appId;
  }

  /** The app's driver once registered (the same one callbacks receive). */
  get driver(): AppDriver | undefined {
    return driverOf(this);
  }

  /** The app's nodes (empty until registered). */
  getNodes(): SchedulerNode[] {
    return driverOf(this)?.getNodes() ?? [];
  }
}
