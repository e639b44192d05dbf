/**
 * A command task (`TaskInfo.command`) run the way Mesos' built-in command
 * executor runs it: a real child process in the task's sandbox, reporting
 * TASK_STARTING and TASK_RUNNING once spawned, TASK_FINISHED on exit code 0,
 * TASK_FAILED otherwise, and TASK_KILLED after a kill (SIGTERM to the process
 * group, SIGKILL once the kill policy's grace period is over).
 */
import { mesos } from '../../../proto/gen/mesos';
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { commandLine } from './command-spec';
import { containerVerdict } from './container-fallback';
import { durationInfoToMs } from './durations';
import { buildCommandTaskEnvironment } from './executor-env';
import { SupervisedProcess, type ProcessExit } from './process-supervisor';
import type { Sandbox } from './sandbox';

const { TaskState, TaskStatus } = mesos.v1;

/** Where a task's updates go: the agent stamps and records them. */
export type TaskReporter = (
  state: mesos.v1.TaskState,
  fields?: { reason?: mesos.v1.TaskStatus.Reason; message?: string },
) => void;

/** Everything a command task needs from its agent. */
export interface CommandTaskContext {
  task: mesos.v1.ITaskInfo;
  frameworkId: string;
  agentId: string;
  /** The framework has the TASK_KILLING_STATE capability. */
  killingState: boolean;
  makeSandbox(): Promise<Sandbox>;
  baseEnv: Record<string, string>;
  defaultKillGracePeriodMs: number;
  failDocker: boolean;
  clock: Clock;
  logger: Logger;
  report: TaskReporter;
}

type Phase = 'launching' | 'running' | 'done';

/** One command task's process and lifecycle. */
export class CommandTask {
  private phase: Phase = 'launching';
  private process: SupervisedProcess | undefined;
  private killed = false;
  private silenced = false;
  private completionTimer: TimerHandle | undefined;
  private completionTimedOut = false;

  constructor(private readonly ctx: CommandTaskContext) {}

  /** The task's process id, once running. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Resolves once the process (if one was started) has ended. */
  async whenExited(): Promise<void> {
    await this.process?.exited;
  }

  /** Creates the sandbox and starts the process. Never throws: failures become TASK_FAILED. */
  async start(): Promise<void> {
    const { task, logger } = this.ctx;
    const subject = { taskId: task.task_id.value, frameworkId: this.ctx.frameworkId };
    const verdict = containerVerdict(task.container, this.ctx.failDocker, logger, subject);
    if (!verdict.run) {
      this.finish(TaskState.TASK_FAILED, { reason: TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, message: verdict.message });
      return;
    }
    let stdio: Awaited<ReturnType<Sandbox['openStdio']>> | undefined;
    try {
      const line = commandLine(task.command);
      const sandbox = await this.ctx.makeSandbox();
      if (this.phase !== 'launching') return;
      stdio = await sandbox.openStdio();
      if (this.phase !== 'launching') return;
      const env = buildCommandTaskEnvironment({
        base: this.ctx.baseEnv,
        frameworkId: this.ctx.frameworkId,
        taskId: task.task_id.value,
        agentId: this.ctx.agentId,
        sandboxPath: sandbox.path,
        command: task.command,
      });
      this.ctx.report(TaskState.TASK_STARTING);
      const child = new SupervisedProcess({ ...line, cwd: sandbox.path, env, ...stdio }, this.ctx.clock, logger);
      this.process = child;
      void child.exited.then((exit) => this.onExit(exit));
      await child.started;
      if (this.phase !== 'launching') return;
      this.phase = 'running';
      this.armCompletionTimer();
      if (!this.killed) this.ctx.report(TaskState.TASK_RUNNING);
    } catch (err) {
      if (this.phase === 'done') return;
      logger.warn({ ...subject, err: String(err) }, 'command task failed to launch');
      this.finish(TaskState.TASK_FAILED, {
        reason: TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
        message: `Failed to launch the command: ${err instanceof Error ? err.message : String(err)}`,
      });
    } finally {
      await stdio?.close();
    }
  }

  /** Kills the task; `policy` (from the KILL call) overrides the task's kill policy. */
  kill(policy?: mesos.v1.IKillPolicy | null): void {
    if (this.phase === 'done') return;
    if (this.phase === 'launching' && this.process === undefined) {
      this.finish(TaskState.TASK_KILLED, {
        reason: TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
        message: 'Task killed before it was launched',
      });
      return;
    }
    const firstKill = !this.killed;
    this.killed = true;
    if (firstKill && this.ctx.killingState) this.ctx.report(TaskState.TASK_KILLING);
    const graceMs =
      durationInfoToMs(policy?.grace_period) ?? durationInfoToMs(this.ctx.task.kill_policy?.grace_period) ?? this.ctx.defaultKillGracePeriodMs;
    this.process?.terminate(graceMs);
  }

  /** Kills the process without reporting anything (the agent lost this task's state). */
  abandon(): void {
    this.silenced = true;
    this.completionTimer?.cancel();
    if (this.phase === 'launching' && this.process === undefined) this.phase = 'done';
    this.process?.kill();
  }

  private armCompletionTimer(): void {
    const limitMs = durationInfoToMs(this.ctx.task.max_completion_time);
    if (limitMs === undefined) return;
    this.completionTimer = this.ctx.clock.setTimeout(() => {
      this.completionTimedOut = true;
      this.process?.terminate(0);
    }, limitMs);
  }

  private onExit(exit: ProcessExit): void {
    this.completionTimer?.cancel();
    if (this.phase === 'done') return;
    const described =
      exit.signal !== null ? `Command terminated with signal ${exit.signal}` : `Command exited with status ${exit.code ?? 0}`;
    if (this.completionTimedOut) {
      this.finish(TaskState.TASK_FAILED, { reason: TaskStatus.Reason.REASON_MAX_COMPLETION_TIME_REACHED, message: 'Task exceeded its max_completion_time' });
    } else if (exit.signal === null && exit.code === 0) {
      this.finish(TaskState.TASK_FINISHED, { message: described });
    } else if (this.killed) {
      this.finish(TaskState.TASK_KILLED, { message: described });
    } else {
      this.finish(TaskState.TASK_FAILED, { message: described });
    }
  }

  private finish(state: mesos.v1.TaskState, fields: { reason?: mesos.v1.TaskStatus.Reason; message?: string }): void {
    this.phase = 'done';
    if (!this.silenced) this.ctx.report(state, fields);
  }
}
