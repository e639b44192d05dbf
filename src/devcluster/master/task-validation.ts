/**
 * Per-task checks of LAUNCH and LAUNCH_GROUP, as a Mesos master makes them.
 * A failing task is answered with TASK_ERROR (REASON_TASK_INVALID, or
 * REASON_TASK_GROUP_INVALID for the whole group) while the rest of the ACCEPT
 * proceeds.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { MasterContext } from './master-context';
import type { FrameworkRecord } from './master-state';
import { has } from './presence';
import { Resources } from './resource-math';

/** Why a TaskID/ExecutorID value is invalid, or undefined (ids become directory names on the agent). */
export function idError(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return 'ID must not be empty';
  if (Buffer.byteLength(value, 'utf8') > 255) return 'ID must not be greater than 255 characters';
  if (value === '.' || value === '..') return "'.' and '..' are not allowed";
  if (/[/\\]/.test(value)) return "'/' and '\\' are not allowed";
  if (/[\x00-\x1f\x7f]/.test(value)) return 'ID must only contain printable characters';
  return undefined;
}

export interface TaskCheck {
  /** The error to report, or undefined when the task may launch. */
  error: string | undefined;
  /** Resources the task takes from the offer (its own plus a new executor's). */
  needs: Resources;
  /** The executor's resources when this task starts a new executor. */
  newExecutor: Resources | undefined;
}

export interface TaskCheckInput {
  ctx: MasterContext;
  framework: FrameworkRecord;
  agentId: string;
  task: mesos.v1.ITaskInfo;
  /** Task ids already launched earlier in the same ACCEPT. */
  launching: ReadonlySet<string>;
  /** Executor ids already started earlier in the same ACCEPT. */
  startingExecutors: ReadonlySet<string>;
  /** Whether the task belongs to a LAUNCH_GROUP (its executor comes from the operation). */
  inGroup: boolean;
}

function executorError(input: TaskCheckInput, executor: mesos.v1.IExecutorInfo): string | undefined {
  const idErr = idError(executor.executor_id?.value);
  if (idErr) return `Executor has invalid ID: ${idErr}`;
  if (has(executor, 'framework_id') && executor.framework_id!.value !== input.framework.id) {
    return `ExecutorInfo has an invalid FrameworkID (Actual: ${executor.framework_id!.value} vs Expected: ${input.framework.id})`;
  }
  if (!input.inGroup && executor.type === mesos.v1.ExecutorInfo.Type.DEFAULT) return "'ExecutorInfo.type' must be 'CUSTOM'";
  return input.inGroup ? groupExecutorError(executor) : undefined;
}

/** LAUNCH_GROUP's extra rules: the master fills nothing in for a group's executor. */
function groupExecutorError(executor: mesos.v1.IExecutorInfo): string | undefined {
  const type = executor.type ?? mesos.v1.ExecutorInfo.Type.UNKNOWN;
  if (type === mesos.v1.ExecutorInfo.Type.UNKNOWN) return "'ExecutorInfo.type' must be set";
  if (!has(executor, 'framework_id')) return "'ExecutorInfo.framework_id' must be set";
  if (executor.container?.type === mesos.v1.ContainerInfo.Type.DOCKER) return 'Docker ContainerInfo is not supported on the executor';
  return undefined;
}

/** Checks one task; `executor` is the task's executor (its own for LAUNCH, the group's for LAUNCH_GROUP). */
export function checkTask(input: TaskCheckInput, executor: mesos.v1.IExecutorInfo | undefined): TaskCheck {
  const { ctx, framework, task } = input;
  const taskResources = Resources.from(task.resources);
  const fail = (error: string): TaskCheck => ({ error, needs: Resources.empty, newExecutor: undefined });
  const taskId = task.task_id?.value;
  const idErr = idError(taskId);
  if (idErr) return fail(`Task has invalid ID: ${idErr}`);
  if (input.launching.has(taskId!) || ctx.state.task(framework.id, taskId!)) return fail(`Task has duplicate ID: ${taskId}`);
  if (task.agent_id?.value !== input.agentId) return fail(`Task uses invalid agent: ${task.agent_id?.value ?? '(none)'}`);
  if (taskResources.isEmpty()) return fail('Task uses no resources');
  if (input.inGroup) {
    if (has(task, 'executor')) return fail(`Task '${taskId}' should not have 'ExecutorInfo' set`);
    if (task.container?.type === mesos.v1.ContainerInfo.Type.DOCKER) return fail('Docker ContainerInfo is not supported on the task');
  } else if (has(task, 'executor') === has(task, 'command')) {
    return fail('Task should have at least one (but not both) of CommandInfo or ExecutorInfo present');
  }
  let newExecutor: Resources | undefined;
  if (executor) {
    const error = executorError(input, executor);
    if (error) return fail(error);
    const executorId = executor.executor_id!.value;
    const known = ctx.state.executor(framework.id, input.agentId, executorId) || input.startingExecutors.has(executorId);
    if (!known) newExecutor = Resources.from(executor.resources);
  }
  return { error: undefined, needs: newExecutor ? taskResources.plus(newExecutor) : taskResources, newExecutor };
}
