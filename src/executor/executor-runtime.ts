/**
 * The executor's brain, free of I/O: it turns agent events into calls on the
 * {@link ExecutableApp} and status updates on an {@link ExecutorPort}, and
 * decides when the executor may exit. One task per executor: the first task
 * launched runs; any other (a second LAUNCH, the rest of a LAUNCH_GROUP) is
 * answered with TASK_ERROR, because an ExecutableApp is written for one task.
 */
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { mesos, type ExecutorEvent, type TaskInfo } from '../wire';
import type { ExecutableApp } from './executable-app';
import type { ExecutorPort } from './executor-port';
import { decodeFrameworkMessage } from './framework-message';
import { TaskRunner } from './task-runner';
import { TaskState, type TaskStatusFactory } from './task-status';

const EventType = mesos.v1.executor.Event.Type;
const TASK_KILLING_STATE = mesos.v1.FrameworkInfo.Capability.Type.TASK_KILLING_STATE;

/** Exit codes {@link ExecutorRuntime.done} resolves to. */
export const ExecutorExitCode = Object.freeze({
  /** The task ended (or the agent shut the executor down) and its updates were handed over. */
  OK: 0,
  /** The agent was lost for good (no checkpointing, recovery timeout, or a fatal answer). */
  AGENT_LOST: 1,
});

/** What an {@link ExecutorRuntime} needs. */
export interface ExecutorRuntimeOptions {
  app: ExecutableApp;
  port: ExecutorPort;
  statuses: TaskStatusFactory;
  clock: Clock;
  logger: Logger;
  /** MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: the budget from SHUTDOWN to exit. */
  shutdownGracePeriodMs: number;
  /** Kill grace period when neither the KILL event nor the TaskInfo has a kill policy. Default: the shutdown grace period. */
  defaultKillGracePeriodMs?: number;
  /** How long to wait for the ACKNOWLEDGED of the final updates before exiting. Default 30 s. */
  finalAckTimeoutMs?: number;
}

/** Dispatches agent events for one executor and resolves {@link done} with its exit code. */
export class ExecutorRuntime {
  /** Resolves with the exit code once the executor should exit. */
  readonly done: Promise<number>;
  private runner: TaskRunner | undefined;
  private readonly rejected = new Set<string>();
  private frameworkInfo: mesos.v1.FrameworkInfo.$Properties | undefined;
  private shuttingDown = false;
  private finished = false;
  private resolveDone!: (code: number) => void;
  private readonly logger: Logger;

  constructor(private readonly options: ExecutorRuntimeOptions) {
    this.logger = options.logger;
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** The task being run, if one was launched. */
  get currentTask(): TaskRunner | undefined {
    return this.runner;
  }

  /** Handles one event from the agent. ACKNOWLEDGED and HEARTBEAT are the port's business and ignored here. */
  handle(event: ExecutorEvent): void {
    switch (event.type) {
      case EventType.SUBSCRIBED:
        this.frameworkInfo = event.subscribed?.framework_info ?? this.frameworkInfo;
        return;
      case EventType.LAUNCH:
        if (event.launch?.task) this.launch([event.launch.task]);
        return;
      case EventType.LAUNCH_GROUP:
        this.launch(event.launch_group?.task_group?.tasks ?? []);
        return;
      case EventType.KILL:
        if (event.kill?.task_id) this.kill(event.kill.task_id.value, event.kill.kill_policy ?? undefined);
        return;
      case EventType.MESSAGE:
        if (event.message) this.message(event.message.data);
        return;
      case EventType.SHUTDOWN:
        this.shutdown('SHUTDOWN');
        return;
      default:
        return;
    }
  }

  /** The link to the agent is gone for good: ask the app to stop and exit with {@link ExecutorExitCode.AGENT_LOST}. */
  abandon(reason: unknown): void {
    this.logger.error({ err: reason }, 'lost the agent; stopping the app and exiting');
    this.runner?.abandon();
    this.finish(ExecutorExitCode.AGENT_LOST);
  }

  private launch(tasks: readonly TaskInfo[]): void {
    for (const task of tasks) {
      const taskId = task.task_id?.value;
      if (taskId === undefined) continue;
      if (this.runner?.taskId === taskId || this.rejected.has(taskId)) continue;
      this.options.port.trackTask(task);
      if (this.runner !== undefined || this.shuttingDown) {
        this.reject(taskId);
        continue;
      }
      this.logger.info({ taskId }, 'launching the task');
      const runner = new TaskRunner(task, this.options.app, {
        port: this.options.port,
        statuses: this.options.statuses,
        clock: this.options.clock,
        logger: this.logger,
        killingState: () => this.hasCapability(TASK_KILLING_STATE),
        selfStopGracePeriodMs: this.options.shutdownGracePeriodMs,
      });
      this.runner = runner;
      runner.ended.then(() => this.afterTaskEnded(), () => undefined);
      runner.start();
    }
  }

  private reject(taskId: string): void {
    this.rejected.add(taskId);
    const running = this.runner?.taskId;
    const message = this.shuttingDown
      ? `task ${taskId} arrived while the executor is shutting down`
      : `a catapult executor runs one task; ${running} already runs here, so ${taskId} was not started (give each task its own executor id)`;
    this.logger.warn({ taskId }, message);
    this.options.port.sendUpdate(this.options.statuses.build(taskId, TaskState.TASK_ERROR, { message, reason: mesos.v1.TaskStatus.Reason.REASON_TASK_INVALID }));
  }

  private kill(taskId: string, policy: mesos.v1.KillPolicy.$Properties | undefined): void {
    if (this.runner?.taskId !== taskId) {
      if (!this.rejected.has(taskId)) this.logger.warn({ taskId }, 'KILL for a task this executor does not run; ignored');
      return;
    }
    this.runner.kill(this.killGracePeriodMs(policy ?? this.runner.task.kill_policy ?? undefined));
  }

  private message(envelopeBytes: Uint8Array): void {
    let envelope: { taskId: string | undefined; data: Uint8Array };
    try {
      envelope = decodeFrameworkMessage(envelopeBytes);
    } catch (err) {
      this.logger.warn({ err, bytes: envelopeBytes.length }, 'dropped a MESSAGE that is not a catapult FrameworkMessage envelope');
      return;
    }
    const runner = this.runner;
    if (runner === undefined || runner.isEnded) {
      this.logger.warn({ taskId: envelope.taskId }, 'dropped a MESSAGE: no task is running');
      return;
    }
    if (envelope.taskId !== undefined && envelope.taskId !== runner.taskId) {
      this.logger.warn({ taskId: envelope.taskId, running: runner.taskId }, 'a MESSAGE names another task; delivering it to the running one');
    }
    void runner.deliverMessage(envelope.data);
  }

  /**
   * Kills the task as on the agent's SHUTDOWN and exits within the shutdown
   * grace period. `why` is for the log (e.g. `SIGTERM`).
   */
  shutdown(why: string): void {
    if (this.shuttingDown || this.finished) return;
    this.shuttingDown = true;
    const graceMs = this.options.shutdownGracePeriodMs;
    const deadline = this.options.clock.now() + graceMs;
    // Keep part of the budget for the agent to acknowledge TASK_KILLED before the agent's own deadline.
    const ackReserveMs = Math.min(1_000, Math.floor(graceMs / 4));
    this.logger.info({ graceMs, why }, 'shutting down: killing the task and exiting');
    const runner = this.runner;
    if (runner !== undefined && !runner.isEnded) {
      const policyMs = this.killGracePeriodMs(runner.task.kill_policy ?? undefined);
      runner.kill(Math.min(policyMs, Math.max(0, graceMs - ackReserveMs)));
    }
    const taskEnded = runner === undefined ? Promise.resolve() : runner.ended.then(() => undefined);
    void taskEnded.then(async () => {
      await this.options.port.waitForAcknowledgements(Math.max(0, deadline - this.options.clock.now()));
      this.finish(ExecutorExitCode.OK);
    });
  }

  private async afterTaskEnded(): Promise<void> {
    if (this.shuttingDown) return;
    const acked = await this.options.port.waitForAcknowledgements(this.options.finalAckTimeoutMs ?? 30_000, { extendWhileReconnecting: true });
    if (!acked) this.logger.warn('the agent did not acknowledge the final update in time; exiting anyway');
    this.finish(ExecutorExitCode.OK);
  }

  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveDone(code);
  }

  private hasCapability(type: mesos.v1.FrameworkInfo.Capability.Type): boolean {
    return (this.frameworkInfo?.capabilities ?? []).some((c) => c.type === type);
  }

  private killGracePeriodMs(policy: mesos.v1.KillPolicy.$Properties | undefined): number {
    const nanos = policy?.grace_period?.nanoseconds;
    if (nanos === undefined || nanos === null) return this.options.defaultKillGracePeriodMs ?? this.options.shutdownGracePeriodMs;
    const ms = Number(String(nanos)) / 1e6;
    return Number.isFinite(ms) && ms >= 0 ? ms : this.options.shutdownGracePeriodMs;
  }
}
