/**
 * Turns the master's launch, kill and shutdown calls into command tasks,
 * simulated tasks or work for custom executors.
 */
import { mesos } from '../../../proto/gen/mesos';
import { CommandTask } from './command-task';
import type { ExecutorHost } from './executor-host';
import type { ExecutorManager } from './executor-manager';
import { DEFAULT_SIMULATED_SCRIPT, type SimulatedTasks } from './simulated-tasks';
import type { SimulationOptions } from './agent-options';
import { agentStatus } from './status-stamp';
import { wantsKillingState, type TaskRecord } from './task-registry';

const { TaskState } = mesos.v1;
const Source = mesos.v1.TaskStatus.Source;

/** What the launcher needs beyond {@link ExecutorHost}. */
export interface LauncherHost extends ExecutorHost {
  readonly simulated: SimulatedTasks | undefined;
  readonly simulation: SimulationOptions | undefined;
}

/** Launches and kills the tasks of one agent. */
export class TaskLauncher {
  private readonly removed = new Set<string>();

  constructor(private readonly host: LauncherHost, private readonly executors: ExecutorManager) {}

  /** Launches one task of a LAUNCH operation. */
  launch(frameworkInfo: mesos.v1.IFrameworkInfo, task: mesos.v1.ITaskInfo): void {
    const frameworkId = frameworkInfo.id?.value ?? '';
    this.removed.delete(frameworkId);
    const framework = this.host.registry.ensureFramework(frameworkInfo);
    const taskId = task.task_id.value;
    if (framework.tasks.has(taskId)) {
      this.host.logger.warn({ frameworkId, taskId }, 'ignoring the launch of a task the agent already holds');
      return;
    }
    if (this.host.simulated !== undefined) {
      framework.tasks.set(taskId, { frameworkId, task, kind: 'simulated', state: TaskState.TASK_STAGING, delivered: true });
      const script = this.host.simulation?.script ?? DEFAULT_SIMULATED_SCRIPT;
      this.host.simulated.launch(frameworkId, taskId, typeof script === 'function' ? script(task, frameworkId) : script);
      return;
    }
    if (task.executor) {
      const executorId = task.executor.executor_id.value;
      framework.tasks.set(taskId, { frameworkId, task, kind: 'executor', state: TaskState.TASK_STAGING, delivered: false, executorId });
      this.executors.launch(frameworkInfo, { ...task.executor, framework_id: frameworkInfo.id ?? task.executor.framework_id }, { task });
      return;
    }
    const record: TaskRecord = { frameworkId, task, kind: 'command', state: TaskState.TASK_STAGING, delivered: true };
    framework.tasks.set(taskId, record);
    if (!task.command) {
      void Promise.resolve().then(() =>
        this.reportTask(frameworkId, taskId, TaskState.TASK_FAILED, {
          reason: mesos.v1.TaskStatus.Reason.REASON_TASK_INVALID,
          message: 'Task has neither a command nor an executor',
        }),
      );
      return;
    }
    record.command = new CommandTask({
      task,
      frameworkId,
      agentId: this.host.currentAgentId(),
      killingState: wantsKillingState(frameworkInfo),
      makeSandbox: () => this.host.makeSandbox(frameworkId, taskId, this.host.newContainerId()),
      baseEnv: this.host.baseEnv,
      defaultKillGracePeriodMs: this.host.defaultKillGracePeriodMs,
      failDocker: this.host.failDocker,
      clock: this.host.clock,
      logger: this.host.logger.child({ frameworkId, taskId }),
      report: (state, fields) => this.reportTask(frameworkId, taskId, state, fields),
    });
    const command = record.command;
    // Started on a later tick: the master's launch call must return before any update comes back.
    void Promise.resolve().then(() => command.start());
  }

  /** Launches a task group on its executor (or as simulated tasks). */
  launchGroup(frameworkInfo: mesos.v1.IFrameworkInfo, executor: mesos.v1.IExecutorInfo, group: mesos.v1.ITaskGroupInfo): void {
    const frameworkId = frameworkInfo.id?.value ?? '';
    if (this.host.simulated !== undefined) {
      for (const task of group.tasks ?? []) this.launch(frameworkInfo, task);
      return;
    }
    this.removed.delete(frameworkId);
    const framework = this.host.registry.ensureFramework(frameworkInfo);
    const executorId = executor.executor_id.value;
    for (const task of group.tasks ?? []) {
      framework.tasks.set(task.task_id.value, { frameworkId, task, kind: 'executor', state: TaskState.TASK_STAGING, delivered: false, executorId });
    }
    this.executors.launch(frameworkInfo, executor, { group });
  }

  /** Kills a task, whatever runs it. */
  kill(frameworkId: string, taskId: string, killPolicy?: mesos.v1.IKillPolicy): void {
    const record = this.host.registry.task(frameworkId, taskId);
    if (record === undefined) {
      this.host.logger.warn({ frameworkId, taskId }, 'ignoring a kill of a task unknown to the agent');
      return;
    }
    if (record.kind === 'simulated') this.host.simulated?.kill(frameworkId, taskId, this.executors.killingState(frameworkId));
    else if (record.kind === 'command') record.command?.kill(killPolicy);
    else this.executors.kill(record, killPolicy);
  }

  /** The framework is gone: kill its tasks and executors; their updates are no longer sent. */
  shutdownFramework(frameworkId: string): void {
    const framework = this.host.registry.framework(frameworkId);
    this.removed.add(frameworkId);
    if (framework === undefined) return;
    for (const record of framework.tasks.values()) {
      if (record.kind === 'command') record.command?.kill();
      else if (record.kind === 'simulated') this.host.simulated?.remove(frameworkId, record.task.task_id.value);
    }
    for (const run of framework.executors.values()) this.executors.shutdown(run);
    for (const record of [...framework.tasks.values()]) {
      if (record.kind === 'simulated') this.host.registry.removeTask(frameworkId, record.task.task_id.value);
    }
  }

  /** True once the framework was shut down on this agent. */
  isRemoved(frameworkId: string): boolean {
    return this.removed.has(frameworkId);
  }

  /** Reports a state of a command or simulated task (their built-in executor is the source). */
  reportTask(
    frameworkId: string,
    taskId: string,
    state: mesos.v1.TaskState,
    fields: { reason?: mesos.v1.TaskStatus.Reason; message?: string } = {},
  ): void {
    this.host.report(frameworkId, agentStatus(taskId, state, { ...fields, source: Source.SOURCE_EXECUTOR }));
  }
}
