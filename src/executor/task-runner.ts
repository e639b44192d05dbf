/**
 * Runs one task's {@link ExecutableApp} and reports its states: STARTING,
 * RUNNING (when `run` starts, or on `ready()` with explicit readiness), then
 * exactly one terminal state. Kills honour a grace period: if `run` has not
 * settled when it ends, TASK_KILLED is reported anyway so the executor can exit.
 */
import { enumLabel, type mesos } from '../wire';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/logger';
import type { AppExecutor, ExecutableApp } from './executable-app';
import type { ExecutorPort } from './executor-port';
import { encodeFrameworkMessage } from './framework-message';
import { TaskState, type StatusDetails, type TaskStatusFactory } from './task-status';

/** What a {@link TaskRunner} needs besides its task and app. */
export interface TaskRunnerDeps {
  port: ExecutorPort;
  statuses: TaskStatusFactory;
  clock: Clock;
  logger: Logger;
  /** True when the framework has the TASK_KILLING_STATE capability. */
  killingState(): boolean;
  /** How long a stop the app asked for itself ({@link AppExecutor.shutdown}) may take. */
  selfStopGracePeriodMs: number;
}

type Phase = 'created' | 'starting' | 'running' | 'ended';

/** The lifecycle of one task on this executor. */
export class TaskRunner {
  readonly taskId: string;
  /** The handle given to the app. */
  readonly executor: AppExecutor;
  /** Resolves with the terminal state once its update has been handed to the port. */
  readonly ended: Promise<TaskState>;
  private phase: Phase = 'created';
  private stopRequest: 'kill' | 'self' | undefined;
  private killCalled = false;
  private graceTimer: TimerHandle | undefined;
  private deliveryChain: Promise<void> = Promise.resolve();
  private resolveEnded!: (state: TaskState) => void;
  private readonly logger: Logger;

  constructor(
    readonly task: mesos.v1.TaskInfo.$Properties,
    private readonly app: ExecutableApp,
    private readonly deps: TaskRunnerDeps,
  ) {
    this.taskId = task.task_id.value;
    this.logger = deps.logger.child({ taskId: this.taskId });
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.executor = this.createAppExecutor();
  }

  /** True once the terminal update has been sent. */
  get isEnded(): boolean {
    return this.phase === 'ended';
  }

  /** Reports TASK_STARTING and calls the app's `run`. */
  start(): void {
    if (this.phase !== 'created') return;
    this.phase = 'starting';
    this.send(TaskState.TASK_STARTING);
    if (this.app.readiness !== 'explicit') this.markRunning();
    let result: Promise<void>;
    try {
      result = Promise.resolve(this.app.run(this.executor));
    } catch (err) {
      result = Promise.reject(err);
    }
    result.then(
      () => this.onRunSettled(undefined),
      (err: unknown) => this.onRunSettled({ err }),
    );
  }

  /** A KILL from the scheduler (or SHUTDOWN from the agent): stop the app within `gracePeriodMs`. */
  kill(gracePeriodMs: number): void {
    if (this.phase === 'ended' || this.stopRequest === 'kill') return;
    this.stopRequest = 'kill';
    this.logger.info({ gracePeriodMs }, 'killing the task');
    if (this.deps.killingState()) this.send(TaskState.TASK_KILLING);
    this.armGrace(gracePeriodMs, TaskState.TASK_KILLED, `the app did not stop within the ${gracePeriodMs} ms kill grace period`);
    void this.callKill();
  }

  /** The connection to the agent is gone for good: ask the app to stop without waiting. */
  abandon(): void {
    if (this.phase === 'ended') return;
    this.stopRequest ??= 'kill';
    void this.callKill();
  }

  /** Resolves once every message delivered so far has been handled by the app. */
  get deliveries(): Promise<void> {
    return this.deliveryChain;
  }

  /** Delivers a scheduler message to the app, after the ones before it (the app sees them one at a time, in order). */
  deliverMessage(data: Uint8Array): Promise<void> {
    this.deliveryChain = this.deliveryChain.then(async () => {
      try {
        await this.app.message(this.executor, data);
      } catch (err) {
        this.logger.error({ err }, 'the app failed to handle a message');
      }
    });
    return this.deliveryChain;
  }

  private markRunning(): void {
    if (this.phase !== 'starting' || this.stopRequest !== undefined) return;
    this.phase = 'running';
    this.send(TaskState.TASK_RUNNING);
  }

  private onRunSettled(outcome: { err: unknown } | undefined): void {
    if (this.phase === 'ended') {
      this.logger.debug('run() settled after the terminal update was sent');
      return;
    }
    if (this.stopRequest === 'kill') return this.end(TaskState.TASK_KILLED, { message: 'killed' });
    if (outcome !== undefined) {
      const why = outcome.err instanceof Error ? outcome.err.message : String(outcome.err);
      this.logger.error({ err: outcome.err }, 'run() threw');
      return this.end(TaskState.TASK_FAILED, { message: `run() threw: ${why}` });
    }
    let exitStatus: number | undefined;
    try {
      exitStatus = this.app.getExitStatus();
    } catch (err) {
      this.logger.error({ err }, 'getExitStatus() threw');
      return this.end(TaskState.TASK_FAILED, { message: `getExitStatus() threw: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (exitStatus === undefined || exitStatus === null || exitStatus === 0) return this.end(TaskState.TASK_FINISHED, {});
    this.end(TaskState.TASK_FAILED, { message: `the app exited with status ${exitStatus}` });
  }

  private armGrace(gracePeriodMs: number, state: TaskState, message: string): void {
    this.graceTimer?.cancel();
    this.graceTimer = this.deps.clock.setTimeout(() => {
      if (this.phase === 'ended') return;
      this.logger.warn({ gracePeriodMs }, message);
      this.end(state, { message });
    }, gracePeriodMs);
  }

  private end(state: TaskState, details: StatusDetails): void {
    this.phase = 'ended';
    this.graceTimer?.cancel();
    this.send(state, details);
    this.logger.info({ state: enumLabel(TaskState, state) }, 'task ended');
    this.resolveEnded(state);
  }

  private send(state: TaskState, details: StatusDetails = {}): void {
    this.deps.port.sendUpdate(this.deps.statuses.build(this.taskId, state, details));
  }

  private async callKill(): Promise<void> {
    if (this.killCalled) return;
    this.killCalled = true;
    try {
      await this.app.kill();
    } catch (err) {
      this.logger.error({ err }, 'the app failed to handle kill()');
    }
  }

  private createAppExecutor(): AppExecutor {
    return {
      taskInfo: this.task,
      logger: this.logger,
      message: (data) => this.deps.port.sendMessage(encodeFrameworkMessage(this.taskId, data)),
      ready: () => this.markRunning(),
      shutdown: async () => {
        if (this.phase === 'ended') return;
        if (this.stopRequest === undefined) {
          this.stopRequest = 'self';
          const grace = this.deps.selfStopGracePeriodMs;
          this.armGrace(grace, TaskState.TASK_FAILED, `the app asked to shut down but did not stop within ${grace} ms`);
        }
        await this.callKill();
      },
    };
  }
}
