/**
 * What each hello node runs when the scheduler is started with `--executor`:
 * an {@link ExecutableApp} that stays up until it is killed and answers every
 * message "ping" with "pong".
 */
import type { AppExecutor, ExecutableApp } from '../../src/executor';

/** The message the scheduler sends and the answer the executor gives. */
export const PING = 'ping';
export const PONG = 'pong';

/** Runs until killed; answers "ping" with "pong" and ignores anything else. */
export class PingPongApp implements ExecutableApp {
  private stop: (() => void) | undefined;
  private killed = false;

  async run(executor: AppExecutor): Promise<void> {
    executor.logger.info({ taskId: executor.taskInfo.task_id?.value }, 'hello executor running');
    if (this.killed) return;
    await new Promise<void>((resolve) => (this.stop = resolve));
  }

  kill(): void {
    this.killed = true;
    this.stop?.();
  }

  async message(executor: AppExecutor, data: Uint8Array): Promise<void> {
    const text = Buffer.from(data).toString('utf8');
    if (text !== PING) {
      executor.logger.warn({ message: text }, 'hello executor: unknown message ignored');
      return;
    }
    await executor.message(Buffer.from(PONG, 'utf8'));
  }

  getExitStatus(): number {
    return 0;
  }
}
