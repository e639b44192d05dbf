/**
 * The executor entry point users know from the Java catapult:
 * `new MesosApplicationFrameworkExecutor(app).run()`.
 */
import { systemClock, type Clock } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { systemRandom, type Random } from '../util/random';
import type { Encoding } from '../wire';
import type { AgentConnection } from './agent-connection';
import type { ExecutableApp } from './executable-app';
import { ExecutorClient } from './executor-client';
import { readExecutorEnvironment, type ExecutorEnvironment } from './executor-environment';
import { ExecutorAlreadyStartedError } from './executor-errors';
import { ExecutorExitCode, ExecutorRuntime } from './executor-runtime';
import { holdEventLoop } from './keep-alive';
import { TaskStatusFactory } from './task-status';

/** Options of {@link MesosApplicationFrameworkExecutor}. Every field has a production default. */
export interface ExecutorOptions {
  /** The environment to read `MESOS_*` from. Default `process.env` (the auth token is removed from it after reading). */
  env?: Record<string, string | undefined>;
  /** An already-read environment; wins over {@link env}. */
  environment?: ExecutorEnvironment;
  /** How to reach the agent. Default: undici to `MESOS_AGENT_ENDPOINT`. */
  connection?: AgentConnection;
  /** The encoding of calls and events. Default `json`. */
  encoding?: Encoding;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** How long to wait for the agent's ACKNOWLEDGED of the final update before exiting. Default 30 s. */
  finalAckTimeoutMs?: number;
  /** Kill grace period when neither the KILL nor the TaskInfo has a kill policy. Default: the shutdown grace period. */
  defaultKillGracePeriodMs?: number;
  /** First resend of an update the agent has not acknowledged. Default 10 s, doubling to 5 min. */
  updateRetryMs?: number;
}

/**
 * Runs an {@link ExecutableApp} as a Mesos custom executor: reads the
 * `MESOS_*` environment, subscribes to the agent, runs the launched task,
 * reports its states (STARTING, RUNNING, then FINISHED, FAILED or KILLED),
 * waits for the agent to acknowledge the final update, and resolves with the
 * process exit code. It never calls `process.exit` itself; see {@link runMain}.
 *
 * @example
 * ```ts
 * import { MesosApplicationFrameworkExecutor, runMain, type AppExecutor, type ExecutableApp } from 'catapult';
 *
 * class Echo implements ExecutableApp {
 *   private stop?: () => void;
 *   async run(executor: AppExecutor) {
 *     await new Promise<void>((resolve) => (this.stop = resolve));
 *   }
 *   kill() { this.stop?.(); }
 *   message(executor: AppExecutor, data: Uint8Array) { return executor.message(data); }
 *   getExitStatus() { return 0; }
 * }
 *
 * // In the executor's main module:
 * runMain(new MesosApplicationFrameworkExecutor(new Echo()));
 * // or, to handle the exit yourself:
 * const exitCode = await new MesosApplicationFrameworkExecutor(new Echo()).run();
 * ```
 */
export class MesosApplicationFrameworkExecutor {
  private started = false;
  private runtime: ExecutorRuntime | undefined;

  constructor(
    private readonly app: ExecutableApp,
    private readonly options: ExecutorOptions = {},
  ) {}

  /**
   * Runs the executor until it should exit.
   *
   * @returns the exit code: {@link ExecutorExitCode.OK} after the task ended or
   * the agent shut the executor down, {@link ExecutorExitCode.AGENT_LOST} when
   * the agent was lost for good.
   * @throws ExecutorEnvironmentMissingError / ExecutorEnvironmentInvalidError
   * when the `MESOS_*` environment is unusable (nothing was started).
   */
  async run(): Promise<number> {
    if (this.started) throw new ExecutorAlreadyStartedError();
    this.started = true;
    const environment = this.options.environment ?? readExecutorEnvironment(this.options.env ?? process.env);
    const clock = this.options.clock ?? systemClock;
    const random = this.options.random ?? systemRandom;
    const logger = (this.options.logger ?? silentLogger).child({ frameworkId: environment.frameworkId, executorId: environment.executorId });
    const client = new ExecutorClient({
      environment,
      connection: this.options.connection,
      encoding: this.options.encoding,
      clock,
      random,
      logger,
      updateRetryMs: this.options.updateRetryMs,
    });
    const runtime = new ExecutorRuntime({
      app: this.app,
      port: client,
      statuses: new TaskStatusFactory(environment.executorId, clock, random),
      clock,
      logger,
      shutdownGracePeriodMs: environment.shutdownGracePeriodMs,
      defaultKillGracePeriodMs: this.options.defaultKillGracePeriodMs,
      finalAckTimeoutMs: this.options.finalAckTimeoutMs,
    });
    this.runtime = runtime;
    const keepAlive = holdEventLoop();
    try {
      logger.info({ agentUrl: environment.agentUrl, checkpoint: environment.checkpoint }, 'executor starting');
      const clientEnded = client.start({ onEvent: (event) => runtime.handle(event) });
      void clientEnded.then((end) => {
        if (end.reason === 'lost') runtime.abandon(end.error);
      });
      const exitCode = await runtime.done;
      logger.info({ exitCode }, 'executor exiting');
      return exitCode;
    } finally {
      await client.close();
      keepAlive.release();
    }
  }

  /**
   * Stops the executor from outside (e.g. on SIGTERM) as the agent's SHUTDOWN
   * would: kills the app, reports TASK_KILLED, waits within the shutdown grace
   * period for the agent's ACKNOWLEDGED, then `run()` resolves. A no-op before
   * `run()` or after it resolved.
   */
  stop(why = 'stop() was called'): void {
    this.runtime?.shutdown(why);
  }
}

/**
 * For an executor's main module: runs the executor, turns SIGTERM and SIGINT
 * into {@link MesosApplicationFrameworkExecutor.stop}, then exits the process
 * with the exit code. A configuration error is printed to stderr and exits
 * with 1.
 */
export function runMain(executor: MesosApplicationFrameworkExecutor, logger: Logger = silentLogger): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => executor.stop(signal));
  executor.run().then(
    (code) => process.exit(code),
    (err: unknown) => {
      logger.fatal({ err }, 'the executor could not start');
      process.stderr.write(`catapult executor: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(ExecutorExitCode.AGENT_LOST);
    },
  );
}
