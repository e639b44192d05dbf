/**
 * What the agent knows about its frameworks, tasks and executors: the latest
 * state of every task it holds (non-terminal, or terminal with the final
 * update not yet acknowledged), and the registration report built from it.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { AgentTaskReport } from '../agent-link';
import type { CommandTask } from './command-task';
import type { ExecutorRun } from './executor-run';

/** How a task runs on this agent. */
export type TaskKind = 'command' | 'executor' | 'simulated';

/** One task held by the agent. */
export interface TaskRecord {
  readonly frameworkId: string;
  readonly task: mesos.v1.ITaskInfo;
  readonly kind: TaskKind;
  /** The latest state the agent received for the task (TASK_STAGING until the first update). */
  state: mesos.v1.TaskState;
  /** The custom executor running the task. */
  executorId?: string;
  /** For executor tasks: sent to the executor in a LAUNCH/LAUNCH_GROUP event. */
  delivered: boolean;
  command?: CommandTask;
}

/** One framework with work on the agent. */
export interface FrameworkRecord {
  info: mesos.v1.IFrameworkInfo;
  readonly tasks: Map<string, TaskRecord>;
  readonly executors: Map<string, ExecutorRun>;
}

const Capability = mesos.v1.FrameworkInfo.Capability.Type;

/** True when the framework declared `capability`. */
export function hasCapability(info: mesos.v1.IFrameworkInfo, capability: mesos.v1.FrameworkInfo.Capability.Type): boolean {
  return (info.capabilities ?? []).some((c) => c.type === capability);
}

/** True when the framework wants TASK_KILLING. */
export function wantsKillingState(info: mesos.v1.IFrameworkInfo): boolean {
  return hasCapability(info, Capability.TASK_KILLING_STATE);
}

/** True when the framework is partition-aware (TASK_DROPPED rather than TASK_LOST). */
export function isPartitionAware(info: mesos.v1.IFrameworkInfo): boolean {
  return hasCapability(info, Capability.PARTITION_AWARE);
}

/** Frameworks, tasks and executors of one agent. */
export class TaskRegistry {
  readonly frameworks = new Map<string, FrameworkRecord>();

  /** The framework's record, created (or its info refreshed) from `info`. */
  ensureFramework(info: mesos.v1.IFrameworkInfo): FrameworkRecord {
    const id = info.id?.value ?? '';
    let record = this.frameworks.get(id);
    if (record === undefined) {
      record = { info, tasks: new Map(), executors: new Map() };
      this.frameworks.set(id, record);
    } else {
      record.info = info;
    }
    return record;
  }

  framework(frameworkId: string): FrameworkRecord | undefined {
    return this.frameworks.get(frameworkId);
  }

  task(frameworkId: string, taskId: string): TaskRecord | undefined {
    return this.frameworks.get(frameworkId)?.tasks.get(taskId);
  }

  /** True when the framework checkpoints (its executors and updates survive an agent restart). */
  checkpoints(frameworkId: string): boolean {
    return this.frameworks.get(frameworkId)?.info.checkpoint === true;
  }

  /** Forgets a task; the framework goes too once it holds nothing. */
  removeTask(frameworkId: string, taskId: string): void {
    const framework = this.frameworks.get(frameworkId);
    if (framework === undefined) return;
    framework.tasks.delete(taskId);
    this.pruneFramework(frameworkId);
  }

  /** Forgets the framework if it has no tasks and no executors left. */
  pruneFramework(frameworkId: string): void {
    const framework = this.frameworks.get(frameworkId);
    if (framework !== undefined && framework.tasks.size === 0 && framework.executors.size === 0) {
      this.frameworks.delete(frameworkId);
    }
  }

  /** The tasks of the registration report, with the resources they (and their executors) use. */
  taskReports(): AgentTaskReport[] {
    const reports: AgentTaskReport[] = [];
    for (const [frameworkId, framework] of this.frameworks) {
      const counted = new Set<string>();
      for (const record of framework.tasks.values()) {
        const resources = [...(record.task.resources ?? [])];
        const executor = record.executorId === undefined ? undefined : framework.executors.get(record.executorId);
        if (executor !== undefined && !counted.has(executor.executorId)) {
          counted.add(executor.executorId);
          resources.push(...(executor.executorInfo.resources ?? []));
        }
        reports.push({ frameworkId, task: record.task, state: record.state, resources });
      }
    }
    return reports;
  }

  /** The executors of the registration report. */
  executorReports(): Array<{ frameworkId: string; executorInfo: mesos.v1.IExecutorInfo }> {
    const reports: Array<{ frameworkId: string; executorInfo: mesos.v1.IExecutorInfo }> = [];
    for (const [frameworkId, framework] of this.frameworks) {
      for (const run of framework.executors.values()) {
        if (!run.hasExited) reports.push({ frameworkId, executorInfo: run.executorInfo });
      }
    }
    return reports;
  }
}
