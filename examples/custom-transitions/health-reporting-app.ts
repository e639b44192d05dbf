/**
 * The executor side of the `degraded` state: a service that reports
 * "unhealthy" while a file named `unhealthy` exists in its sandbox and
 * "healthy" once it is gone (try `touch <sandbox>/unhealthy`).
 */
import { existsSync } from 'node:fs';
import type { AppExecutor, ExecutableApp } from '../../src/executor';

const CHECK_INTERVAL_MS = 2_000;

export class HealthReportingApp implements ExecutableApp {
  private stop: (() => void) | undefined;

  async run(executor: AppExecutor): Promise<void> {
    let healthy = true;
    const timer = setInterval(() => {
      const now = !existsSync('unhealthy');
      if (now === healthy) return;
      healthy = now;
      void executor.message(Buffer.from(healthy ? 'healthy' : 'unhealthy'));
    }, CHECK_INTERVAL_MS);
    await new Promise<void>((resolve) => (this.stop = resolve));
    clearInterval(timer);
  }

  kill(): void {
    this.stop?.();
  }

  message(): void {}

  getExitStatus(): number {
    return 0;
  }
}
