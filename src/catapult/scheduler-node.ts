/**
 * A node of an app: the class users extend to react to their task's life.
 */
import type { NodeContext } from '../../machines';
import type { catapult } from '../wire';
import { nodeViewOf } from './bindings';
import type { AppDriver } from './catapult-types';

/** catapult.SchedulerNodeInfo, as a plain message. */
export type SchedulerNodeInfo = catapult.ISchedulerNodeInfo;

/**
 * One node (one task slot) of an app. Extend it and override the callbacks
 * you care about; every one is optional and does nothing by default.
 *
 * The node's behaviour is its state machine's, not the callbacks': a failed
 * or lost task is relaunched with exponential backoff, a task the user killed
 * stays killed, a finished task stays finished. The callbacks are that
 * machine's named actions (`onRunning`, `onFailed`, ...) and run after the
 * transition; to change the behaviour itself, give the framework a customized
 * node machine. This differs from the Java catapult, whose `failed` and
 * `killed` relaunched at once, with no backoff, and relaunched even nodes the
 * user had killed.
 *
 * Restored after a failover as the same subclass: name the class in
 * `options.types` of MesosAppFramework, or give it a `static typeName`.
 *
 * @example
 * class Worker extends SchedulerNode {
 *   static typeName = 'worker';
 *   running(driver: AppDriver) { console.log(`${this.nodeId} runs on ${this.hostname}`); }
 *   message(driver: AppDriver, data: Uint8Array) { console.log(Buffer.from(data).toString()); }
 * }
 */
export class SchedulerNode {
  /** The name the node's class is stored under; default: the class's name. */
  static typeName?: string;
  /** What the node runs (a copy of what the constructor was given). */
  readonly info: SchedulerNodeInfo;

  constructor(info: SchedulerNodeInfo) {
    this.info = { ...info };
  }

  /** The task is running (reported by Mesos). */
  running(driver: AppDriver): void | Promise<void> {}
  /** The task failed (TASK_FAILED / TASK_ERROR); the machine relaunches it after its backoff unless told otherwise. */
  failed(driver: AppDriver): void | Promise<void> {}
  /** The task finished; the node stays finished. */
  finished(driver: AppDriver): void | Promise<void> {}
  /** The task was killed; a node the user killed stays killed, others are relaunched. */
  killed(driver: AppDriver): void | Promise<void> {}
  /** The task is lost (agent gone, dropped, unknown to Mesos); the machine relaunches it after its backoff. */
  lost(driver: AppDriver): void | Promise<void> {}
  /** Bytes from the node's executor. */
  message(driver: AppDriver, data: Uint8Array): void | Promise<void> {}

  /** The node's id once launched (`<appId>-<n>`). */
  get nodeId(): string | undefined {
    return nodeViewOf(this)?.nodeId ?? this.info.node_id?.value ?? undefined;
  }

  get appId(): string | undefined {
    return nodeViewOf(this)?.appId ?? this.info.app_id?.value ?? undefined;
  }

  /** The node machine's state (`pending`, `running`, `killed`, ...), or `unlaunched`. */
  get state(): string {
    return nodeViewOf(this)?.state() ?? 'unlaunched';
  }

  /** The current incarnation's task id, `<nodeId>.<incarnation>`. */
  get taskId(): string | undefined {
    const context = this.context;
    return context ? `${context.nodeId}.${context.incarnation}` : undefined;
  }

  get incarnation(): number | undefined {
    return this.context?.incarnation;
  }

  get agentId(): string | undefined {
    return this.context?.agentId ?? undefined;
  }

  get hostname(): string | undefined {
    return this.context?.hostname ?? undefined;
  }

  /** The host ports the task was given. */
  get ports(): number[] {
    return [...(this.context?.ports ?? [])];
  }

  /** The data stored with `driver.storeData`, or the info's `user_data`. */
  get userData(): Uint8Array | undefined {
    const view = nodeViewOf(this);
    return view ? view.userData() : (this.info.user_data ?? undefined);
  }

  /** Why the node is still pending, when it is. */
  get pendingReason(): string | undefined {
    return this.context?.pendingReason ?? undefined;
  }

  /** The node's machine context (read-only). */
  get context(): Readonly<NodeContext> | undefined {
    return nodeViewOf(this)?.context();
  }
}
