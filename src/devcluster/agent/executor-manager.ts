/**
 * Starts, supervises and ends custom executors: the real child processes of
 * `TaskInfo.executor` and LAUNCH_GROUP, with the real `MESOS_*` environment.
 */
import { mesos } from '../../../proto/gen/mesos';
import { commandLine } from './command-spec';
import { containerVerdict } from './container-fallback';
import { durationInfoToMs } from './durations';
import { buildExecutorEnvironment } from './executor-env';
import type { ExecutorHost } from './executor-host';
import { ExecutorRun, type QueuedLaunch } from './executor-run';
import { SupervisedProcess, type ProcessExit } from './process-supervisor';
import { agentStatus } from './status-stamp';
import { isTerminalState } from './task-states';
import { wantsKillingState, type TaskRecord } from './task-registry';

const { TaskState } = mesos.v1;
const Reason = mesos.v1.TaskStatus.Reason;
const EventType = mesos.v1.executor.Event.Type;

/** The custom executors of one agent. */
export class ExecutorManager {
  constructor(private readonly host: ExecutorHost) {}

  /** Runs a launch on the framework's executor, starting the executor first when it is not running. */
  launch(frameworkInfo: mesos.v1.IFrameworkInfo, executorInfo: mesos.v1.IExecutorInfo, launch: QueuedLaunch): void {
    const frameworkId = frameworkInfo.id?.value ?? '';
    const framework = this.host.registry.ensureFramework(frameworkInfo);
    const executorId = executorInfo.executor_id.value;
    let run = framework.executors.get(executorId);
    const fresh = run === undefined || run.state === 'terminated';
    if (run === undefined || fresh) {
      run = new ExecutorRun(frameworkId, executorInfo, this.host.newContainerId(), this.host.clock, this.host.logger.child({ executorId }));
      framework.executors.set(executorId, run);
    }
    if (run.isSubscribed) this.deliver(run, launch);
    else run.queue.push(launch);
    // Started on a later tick: the master's launch call must return before any update comes back.
    const started = run;
    if (fresh) void Promise.resolve().then(() => this.start(started));
  }

  /** Sends a launch to a subscribed executor and marks its tasks delivered. */
  deliver(run: ExecutorRun, launch: QueuedLaunch): void {
    const tasks = 'task' in launch ? [launch.task] : launch.group.tasks ?? [];
    for (const task of tasks) {
      const record = this.host.registry.task(run.frameworkId, task.task_id.value);
      if (record !== undefined) record.delivered = true;
    }
    if ('task' in launch) run.send({ type: EventType.LAUNCH, launch: { task: launch.task } });
    else run.send({ type: EventType.LAUNCH_GROUP, launch_group: { task_group: launch.group } });
  }

  /** Kills an executor's task: a queued task never reaches it; a delivered one gets a KILL event. */
  kill(record: TaskRecord, killPolicy?: mesos.v1.IKillPolicy): void {
    const run = this.run(record.frameworkId, record.executorId ?? '');
    if (run === undefined) return;
    const taskId = record.task.task_id.value;
    if (!record.delivered) {
      this.dequeue(run, taskId);
      this.host.report(record.frameworkId, agentStatus(taskId, TaskState.TASK_KILLED, {
        reason: Reason.REASON_TASK_KILLED_DURING_LAUNCH,
        message: 'Task killed before it was delivered to its executor',
      }), run.executorId);
      if (!run.isSubscribed && run.queue.length === 0 && this.liveTasks(run).length === 0) this.shutdown(run);
      return;
    }
    const kill: mesos.v1.executor.Event.IKill = { task_id: { value: taskId } };
    if (killPolicy) kill.kill_policy = killPolicy;
    if (!run.send({ type: EventType.KILL, kill })) {
      this.host.logger.warn({ frameworkId: record.frameworkId, taskId }, 'dropping a kill: the executor is not subscribed');
    }
  }

  /** SHUTDOWN of one executor, honouring its grace period. */
  shutdown(run: ExecutorRun): void {
    run.shutdown(this.gracePeriodMs(run));
  }

  /** The executor's shutdown grace period: `ExecutorInfo.shutdown_grace_period`, else the agent's. */
  gracePeriodMs(run: ExecutorRun): number {
    return durationInfoToMs(run.executorInfo.shutdown_grace_period) ?? this.host.executorShutdownGracePeriodMs;
  }

  run(frameworkId: string, executorId: string): ExecutorRun | undefined {
    return this.host.registry.framework(frameworkId)?.executors.get(executorId);
  }

  /** The executor's tasks the agent does not yet know to be terminal. */
  liveTasks(run: ExecutorRun): TaskRecord[] {
    const framework = this.host.registry.framework(run.frameworkId);
    const out: TaskRecord[] = [];
    for (const record of framework?.tasks.values() ?? []) {
      if (record.executorId === run.executorId && !isTerminalState(record.state)) out.push(record);
    }
    return out;
  }

  /** Fails every live task of the executor with `reason` (agent-generated updates, with uuids). */
  failTasks(run: ExecutorRun, reason: mesos.v1.TaskStatus.Reason, message: string): void {
    for (const record of this.liveTasks(run)) {
      this.dequeue(run, record.task.task_id.value);
      this.host.report(run.frameworkId, agentStatus(record.task.task_id.value, TaskState.TASK_FAILED, { reason, message }), run.executorId);
    }
  }

  /** Handles an executor's exit: terminal updates for its remaining tasks, then FAILURE to the master. */
  exited(run: ExecutorRun, exit: ProcessExit, reason = Reason.REASON_EXECUTOR_TERMINATED): void {
    if (!this.host.isUp()) {
      run.deferredExit = exit;
      return;
    }
    if (run.state === 'terminated') return;
    const description = exit.signal !== null ? `signal ${exit.signal}` : `status ${exit.code ?? 0}`;
    this.host.logger.info({ frameworkId: run.frameworkId, executorId: run.executorId, exit: description }, 'executor exited');
    run.terminated();
    this.failTasks(run, reason, `Executor terminated (${description})`);
    const framework = this.host.registry.framework(run.frameworkId);
    if (framework?.executors.get(run.executorId) === run) framework.executors.delete(run.executorId);
    this.host.registry.pruneFramework(run.frameworkId);
    this.host.reachableMaster()?.executorExited(run.frameworkId, run.executorId, this.host.currentAgentId(), exit.waitStatus);
  }

  /** Whether the framework has TASK_KILLING_STATE. */
  killingState(frameworkId: string): boolean {
    const info = this.host.registry.framework(frameworkId)?.info;
    return info !== undefined && wantsKillingState(info);
  }

  private dequeue(run: ExecutorRun, taskId: string): void {
    for (let i = run.queue.length - 1; i >= 0; i--) {
      const launch = run.queue[i] as QueuedLaunch;
      if ('task' in launch && launch.task.task_id.value === taskId) run.queue.splice(i, 1);
      else if ('group' in launch) {
        const rest = (launch.group.tasks ?? []).filter((t) => t.task_id.value !== taskId);
        if (rest.length === 0) run.queue.splice(i, 1);
        else if (rest.length !== (launch.group.tasks ?? []).length) run.queue[i] = { group: { ...launch.group, tasks: rest } };
      }
    }
  }

  private async start(run: ExecutorRun): Promise<void> {
    const { host } = this;
    const subject = { frameworkId: run.frameworkId, executorId: run.executorId };
    const framework = host.registry.framework(run.frameworkId);
    const verdict = containerVerdict(run.executorInfo.container, host.failDocker, host.logger, subject);
    if (!verdict.run) {
      this.failTasks(run, Reason.REASON_CONTAINER_LAUNCH_FAILED, verdict.message);
      this.exited(run, { code: 1, signal: null, waitStatus: 1 << 8 });
      return;
    }
    let stdio: { stdoutFd: number; stderrFd: number; close(): Promise<void> } | undefined;
    try {
      const line = commandLine(run.executorInfo.command);
      const sandbox = await host.makeSandbox(run.frameworkId, run.executorId, run.containerId);
      run.sandboxPath = sandbox.path;
      stdio = await sandbox.openStdio();
      const env = buildExecutorEnvironment({
        base: host.baseEnv,
        frameworkId: run.frameworkId,
        executorId: run.executorId,
        agentId: host.currentAgentId(),
        agentEndpoint: host.endpoint(),
        sandboxPath: sandbox.path,
        checkpoint: framework?.info.checkpoint === true,
        shutdownGracePeriodMs: this.gracePeriodMs(run),
        recoveryTimeoutMs: host.recoveryTimeoutMs,
        subscriptionBackoffMaxMs: host.executorReregistrationTimeoutMs,
        command: run.executorInfo.command,
      });
      const child = new SupervisedProcess({ ...line, cwd: sandbox.path, env, ...stdio }, host.clock, host.logger);
      run.process = child;
      void child.exited.then((exit) => this.exited(run, exit));
      await child.started;
      if (run.state === 'launching') run.state = 'registering';
      run.armRegistrationTimer(host.executorRegistrationTimeoutMs, () => {
        host.logger.warn(subject, 'executor did not subscribe in time; killing it');
        this.failTasks(run, Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT, 'Executor did not register within the registration timeout');
        run.kill();
      });
      if (run.state === 'terminating') run.kill();
    } catch (err) {
      host.logger.warn({ ...subject, err: String(err) }, 'executor failed to launch');
      this.failTasks(run, Reason.REASON_CONTAINER_LAUNCH_FAILED, `Failed to launch the executor: ${err instanceof Error ? err.message : String(err)}`);
      if (run.process === undefined) this.exited(run, { code: 1, signal: null, waitStatus: 1 << 8 });
    } finally {
      await stdio?.close();
    }
  }
}
