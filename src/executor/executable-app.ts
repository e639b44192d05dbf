/**
 * What a user implements to run on a Mesos agent ({@link ExecutableApp}), and
 * what catapult hands it ({@link AppExecutor}). The names are the Java
 * catapult's, so its users find the same shape.
 */
import type { mesos } from '../wire';
import type { Logger } from '../util/logger';

/**
 * The application a catapult executor runs: one per task.
 *
 * Lifecycle: the executor reports TASK_STARTING, calls {@link run}, and
 * reports TASK_RUNNING when `run` starts (or when the app calls
 * {@link AppExecutor.ready}, with `readiness: 'explicit'`). When `run`
 * settles the executor reports TASK_FINISHED (exit status 0), TASK_FAILED
 * (exit status > 0, or `run` threw), or TASK_KILLED if the task was killed.
 *
 * @example
 * ```ts
 * class Sleeper implements ExecutableApp {
 *   private stop?: () => void;
 *   async run(executor: AppExecutor) {
 *     executor.logger.info('sleeping');
 *     await new Promise<void>((resolve) => (this.stop = resolve));
 *   }
 *   kill() { this.stop?.(); }
 *   message(executor: AppExecutor, data: Uint8Array) { void executor.message(data); }
 *   getExitStatus() { return 0; }
 * }
 * ```
 */
export interface ExecutableApp {
  /**
   * Runs the task. Resolving (or returning) ends it; throwing fails it. It
   * may run for the whole life of the task: the executor keeps serving
   * kills and messages meanwhile.
   */
  run(executor: AppExecutor): Promise<void> | void;
  /**
   * Asks the app to stop: `run` should settle soon after. Called on a KILL
   * from the scheduler, on SHUTDOWN from the agent, and by
   * {@link AppExecutor.shutdown}. If `run` has not settled when the kill
   * policy's grace period ends, the executor reports TASK_KILLED anyway and exits.
   */
  kill(): Promise<void> | void;
  /** Receives a message the task's scheduler node sent (the envelope already removed). */
  message(executor: AppExecutor, data: Uint8Array): Promise<void> | void;
  /** Read after `run` resolves: 0 (or undefined) reports TASK_FINISHED, anything else TASK_FAILED. */
  getExitStatus(): number | undefined;
  /**
   * Kept for compatibility with the Java catapult's interface, which declared
   * it and never called it. catapult does not call it either: Mesos has no
   * restart event; a scheduler that wants one sends a message.
   */
  restart?(): Promise<void> | void;
  /**
   * When TASK_RUNNING is reported: `'on-run'` (the default) as soon as `run`
   * is called; `'explicit'` when the app calls {@link AppExecutor.ready}, so
   * the scheduler sees RUNNING only once the app can serve.
   */
  readonly readiness?: 'on-run' | 'explicit';
}

/** What the executor gives the app: its task, a logger, and a way to talk to the scheduler. */
export interface AppExecutor {
  /** The task this app runs, as the scheduler launched it. */
  readonly taskInfo: mesos.v1.TaskInfo.$Properties;
  /** The executor's logger, bound to the task id. */
  readonly logger: Logger;
  /**
   * Sends bytes to the task's scheduler node (a MESSAGE call, wrapped in
   * catapult's FrameworkMessage envelope with the task id). Best effort:
   * Mesos does not deliver messages reliably.
   */
  message(data: Uint8Array): Promise<void>;
  /**
   * Reports TASK_RUNNING, for apps with `readiness: 'explicit'`. Idempotent;
   * a no-op once the task is running or has ended.
   */
  ready(): void;
  /**
   * Stops the task from inside: calls the app's `kill()` and resolves when it
   * returns. When `run` then settles (or the agent's shutdown grace period
   * ends first), the executor reports the terminal state from the exit status
   * (not TASK_KILLED: nobody killed the task) and exits. Safe to await inside `run`.
   */
  shutdown(): Promise<void>;
}
