/**
 * What survives an agent crash and how a restarted agent takes it back, as
 * Mesos agent recovery does: executors of checkpointing frameworks keep
 * running and must re-subscribe within the re-registration timeout; everything
 * else dies with the agent.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { TimerHandle } from '../../util/clock';
import type { ExecutorManager } from './executor-manager';
import type { ExecutorRun } from './executor-run';
import type { LauncherHost } from './task-launcher';
import type { StatusUpdateManager } from './status-update-manager';

/** What recovery needs from the agent. */
export interface RecoveryHost extends LauncherHost {
  readonly updates: StatusUpdateManager;
}

/** The crash and recovery logic of one agent. */
export class AgentRecovery {
  private timer: TimerHandle | undefined;
  private onDone: (() => void) | undefined;

  constructor(
    private readonly host: RecoveryHost,
    private readonly executors: ExecutorManager,
  ) {}

  /** The agent went down: cut every stream, keep what checkpointing frameworks own, kill the rest silently. */
  crash(): void {
    const { registry } = this.host;
    for (const [frameworkId, framework] of [...registry.frameworks]) {
      if (framework.info.checkpoint === true) {
        for (const run of framework.executors.values()) {
          run.cutStream();
          if (!run.hasExited && run.process !== undefined) run.recovering = true;
        }
        continue;
      }
      for (const run of framework.executors.values()) run.kill();
      for (const record of framework.tasks.values()) record.command?.abandon();
      this.host.simulated?.removeFramework(frameworkId);
      this.host.updates.dropFramework(frameworkId);
      registry.frameworks.delete(frameworkId);
      this.host.logger.info({ frameworkId }, 'forgetting a non-checkpointing framework across the agent restart');
    }
  }

  /** Waits for the surviving executors to re-subscribe (or for the re-registration timeout), then calls `done`. */
  awaitExecutors(done: () => void): void {
    this.onDone = done;
    if (this.recoveringRuns().length === 0) {
      this.complete();
      return;
    }
    this.timer = this.host.clock.setTimeout(() => this.complete(), this.host.executorReregistrationTimeoutMs);
  }

  /** An executor re-subscribed; recovery ends early once all have. */
  executorResubscribed(): void {
    if (this.onDone !== undefined && this.recoveringRuns().length === 0) this.complete();
  }

  /** After re-registration: kill the executors that did not come back and handle exits that happened while down. */
  finish(): void {
    for (const framework of this.host.registry.frameworks.values()) {
      for (const run of [...framework.executors.values()]) {
        if (run.deferredExit !== undefined) {
          const exit = run.deferredExit;
          run.deferredExit = undefined;
          run.recovering = false;
          this.executors.exited(run, exit);
        } else if (run.recovering) {
          run.recovering = false;
          this.host.logger.warn({ executorId: run.executorId }, 'executor did not re-subscribe after the agent restart; killing it');
          this.executors.failTasks(
            run,
            mesos.v1.TaskStatus.Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
            'Executor did not re-register within the re-registration timeout',
          );
          run.kill();
        }
      }
    }
  }

  /** Stops waiting. */
  cancel(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.onDone = undefined;
  }

  /** Kills every process of the agent and waits for them to end. */
  async killEverything(): Promise<void> {
    const exits: Array<Promise<unknown>> = [];
    for (const [frameworkId, framework] of this.host.registry.frameworks) {
      for (const run of framework.executors.values()) {
        run.kill();
        if (run.process) exits.push(run.process.exited);
      }
      for (const record of framework.tasks.values()) {
        if (record.command) {
          record.command.abandon();
          exits.push(record.command.whenExited());
        }
      }
      this.host.simulated?.removeFramework(frameworkId);
    }
    await Promise.all(exits);
  }

  private recoveringRuns(): ExecutorRun[] {
    const out: ExecutorRun[] = [];
    for (const framework of this.host.registry.frameworks.values()) {
      for (const run of framework.executors.values()) if (run.recovering && run.deferredExit === undefined) out.push(run);
    }
    return out;
  }

  private complete(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const done = this.onDone;
    this.onDone = undefined;
    done?.();
  }
}
