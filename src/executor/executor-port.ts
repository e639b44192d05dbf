/**
 * What the executor runtime needs from its link to the agent. The real link
 * is {@link ExecutorClient} (HTTP); {@link MockExecutorEnvironment} records
 * instead. Keeping the runtime behind this interface lets users test their
 * ExecutableApp without an agent.
 */
import type { TaskInfo, TaskStatus } from '../wire';

export interface ExecutorPort {
  /**
   * Sends an UPDATE. The port keeps it as unacknowledged and retries it until
   * the agent answers ACKNOWLEDGED, so this never fails for transient reasons.
   */
  sendUpdate(status: TaskStatus): void;
  /** Sends a MESSAGE to the scheduler (best effort). */
  sendMessage(data: Uint8Array): Promise<void>;
  /** Records a task received through LAUNCH or LAUNCH_GROUP as unacknowledged. */
  trackTask(task: TaskInfo): void;
  /**
   * Resolves true once every sent update is ACKNOWLEDGED, false when
   * `timeoutMs` passes first. With `extendWhileReconnecting`, the timeout
   * does not end the wait while the port is re-subscribing (it will replay
   * the updates); its own recovery timeout bounds that.
   */
  waitForAcknowledgements(timeoutMs: number, options?: { extendWhileReconnecting?: boolean }): Promise<boolean>;
}
