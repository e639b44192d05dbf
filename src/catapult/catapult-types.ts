/**
 * The interfaces of the callback API, with the Java catapult's names:
 * {@link MesosAppListener} (the user implements), {@link AppFramework} (given
 * to the listener), {@link AppDriver} (given to app and node callbacks).
 */
import type { SchedulerApp } from './scheduler-app';
import type { SchedulerNode } from './scheduler-node';

/** An app's id. It is the app's name, so a new leader finds the app again by it. */
export type AppID = string;
/** A node's id: `<appId>-<n>`, never reused within the app. */
export type NodeID = string;

/**
 * Framework-level callbacks; every one is optional.
 *
 * Unlike the Java catapult, `connected` runs on every leader after it has
 * restored the stored apps and subscribed, so a `register(new MyApp())` there
 * adopts the restored app instead of creating a second one.
 */
export interface MesosAppListener {
  /** Subscribed to Mesos (first time, after a reconnect, after a failover). Register your apps here. */
  connected?(framework: AppFramework): void | Promise<void>;
  /** The subscription ended; the scheduler re-subscribes by itself with backoff. */
  disconnected?(framework: AppFramework): void;
  /** An app's `initialized` (or the restore of its nodes) threw. */
  applicationFailed?(framework: AppFramework, appId: AppID, error: Error): void;
  /**
   * Mesos refused the stored FrameworkID: the framework was torn down or its
   * failover timeout elapsed, so its tasks are gone. Called once; the
   * scheduler then stops or registers anew (SchedulerConfig.onFrameworkRemoved).
   */
  frameworkRemoved?(framework: AppFramework, frameworkId: string): void;
}

/** The framework, as the listener sees it. */
export interface AppFramework {
  /** The FrameworkID Mesos assigned, once subscribed. */
  readonly frameworkId: string | undefined;
  /**
   * Registers an app, persists it and calls its `initialized` once. An app
   * whose name is already stored (restored after a failover) is adopted:
   * the given object takes its place and `initialized` is not called again.
   */
  register(app: SchedulerApp): Promise<AppID>;
  /** Binds `app` to the stored app `appId` (the Java catapult's failover path); `register` does the same by name. */
  reregister(appId: AppID, app: SchedulerApp): Promise<void>;
  /** The ids of every stored app. */
  getApps(): AppID[];
  /** The app object of `appId`, if it is stored. */
  getApp(appId: AppID): SchedulerApp | undefined;
  /**
   * Stops the scheduler. `failover = true` (default) leaves the framework and
   * its tasks in Mesos for the next leader; `false` tears the framework down,
   * killing every task.
   */
  abort(failover?: boolean): Promise<void>;
}

/** What app and node callbacks use to act. Every change is persisted before it takes effect. */
export interface AppDriver {
  readonly appId: AppID;
  /** Adds a node to the app and queues it for an offer; resolves with its id once persisted. */
  launchNode(node: SchedulerNode): Promise<NodeID>;
  /** Kills the node's task if it runs, then launches it again as a new incarnation. */
  relaunchNode(node: SchedulerNode): Promise<void>;
  /** Kills the node's task; the node stays killed until relaunched. (The Java catapult had no kill.) */
  killNode(node: SchedulerNode): Promise<void>;
  /** Kills the node's task if it runs, then forgets the node. */
  removeNode(node: SchedulerNode): Promise<void>;
  /** Kills the node's task and holds the node in `paused` (not relaunched) until {@link resumeNode}. */
  pauseNode(node: SchedulerNode): Promise<void>;
  /** Launches a paused node again, as a new incarnation. */
  resumeNode(node: SchedulerNode): Promise<void>;
  /** Best-effort bytes to the node's executor (custom executors only). */
  sendMessage(node: SchedulerNode, data: Uint8Array): Promise<void>;
  /** Replaces the node's user data; persisted with the node. */
  storeData(node: SchedulerNode, data: Uint8Array): Promise<void>;
  /** The app's nodes. */
  getNodes(): SchedulerNode[];
  /** Detaches the app: no more callbacks; its tasks keep running and nothing is deleted. */
  abort(): Promise<void>;
}
