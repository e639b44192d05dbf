/**
 * An ExecutableApp a test steers by hand: `run` waits until the test calls
 * `complete()` or `fail()`, or until `kill()` (unless `ignoreKill`).
 */
import type { AppExecutor, ExecutableApp } from '../../../src/executor';

export class ControlledApp implements ExecutableApp {
  readonly readiness: 'on-run' | 'explicit';
  executor: AppExecutor | undefined;
  runCount = 0;
  killCount = 0;
  readonly received: Uint8Array[] = [];
  exitStatus: number | undefined = 0;
  /** When true, kill() is recorded but run keeps going. */
  ignoreKill = false;
  /** Called by message(); default: nothing. */
  onMessage: (executor: AppExecutor, data: Uint8Array) => Promise<void> | void = () => undefined;
  private settle: ((err?: unknown) => void) | undefined;
  private readonly started: Promise<void>;
  private markStarted!: () => void;

  constructor(options: { readiness?: 'on-run' | 'explicit' } = {}) {
    this.readiness = options.readiness ?? 'on-run';
    this.started = new Promise((resolve) => (this.markStarted = resolve));
  }

  run(executor: AppExecutor): Promise<void> {
    this.executor = executor;
    this.runCount++;
    this.markStarted();
    return new Promise((resolve, reject) => {
      this.settle = (err) => (err === undefined ? resolve() : reject(err));
    });
  }

  /** Resolves once `run` was called. */
  whenRunning(): Promise<void> {
    return this.started;
  }

  kill(): void {
    this.killCount++;
    if (!this.ignoreKill) this.settle?.();
  }

  async message(executor: AppExecutor, data: Uint8Array): Promise<void> {
    this.received.push(data);
    await this.onMessage(executor, data);
  }

  getExitStatus(): number | undefined {
    return this.exitStatus;
  }

  /** Makes `run` resolve; `getExitStatus()` then returns `exitStatus`. */
  complete(exitStatus: number | undefined = 0): void {
    this.exitStatus = exitStatus;
    this.settle?.();
  }

  /** Makes `run` reject. */
  fail(err: unknown): void {
    this.settle?.(err);
  }
}
