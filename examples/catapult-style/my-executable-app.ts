/**
 * The Java README's `MyExecutableApp`: what runs on each node.
 *
 * What changed for the better:
 * - `run` returns a promise; resolving ends the task. In Java it ran on its
 *   own thread and TASK_RUNNING was sent before the app was ready; here
 *   `readiness: 'explicit'` delays TASK_RUNNING until `executor.ready()`.
 * - A killed task is reported TASK_KILLED (Java never sent it).
 * - `restart()` is optional: Java declared it and never called it.
 */
import type { AppExecutor, ExecutableApp } from '../../src';

export class MyExecutableApp implements ExecutableApp {
  readonly readiness = 'explicit' as const;
  private stop: (() => void) | undefined;
  private exitStatus = 0;

  async run(executor: AppExecutor): Promise<void> {
    // Start your database, kick off some jobs, start a node of your application...
    executor.logger.info({ task: executor.taskInfo.name }, 'starting');
    executor.ready();
    await new Promise<void>((resolve) => (this.stop = resolve));
  }

  getExitStatus(): number {
    // > 0 reports TASK_FAILED, 0 TASK_FINISHED (as in Java).
    return this.exitStatus;
  }

  async message(executor: AppExecutor, message: Uint8Array): Promise<void> {
    // Messages from MyNode; answer through the same channel.
    await executor.message(Buffer.from(`ack ${Buffer.from(message).toString('utf8')}`));
  }

  kill(): void {
    this.stop?.();
  }
}
