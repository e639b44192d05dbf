/**
 * Builds the Mesos TaskInfo that launches one incarnation of a node.
 *
 * A command task carries its CommandInfo (and container) itself. A node
 * with `executor = true` gets an ExecutorInfo of type CUSTOM whose id is
 * unique to this task incarnation, whose resources are its own (taken from
 * the offer besides the task's, not a copy of them), and which carries the
 * command, container and environment, since the executor is what the agent
 * starts.
 */
import type { Offer, Resource } from '../placement';
import { dockerContainerInfo } from './docker-container';
import { hostPortRequests, validateNode } from './node-requirements';
import { taskEnvironment } from './task-environment';
import { InvalidResourcesError, PortsMismatchError } from './task-errors';
import { executorIdFor, validateId } from './task-ids';
import { EXECUTOR_CUSTOM, type CommandInfo, type CommandUri, type ContainerInfo, type Labels, type SchedulerNodeInfo, type TaskInfo } from './task-types';

/** Label keys every catapult task carries. */
export const TASK_LABELS = { appId: 'catapult.app_id', nodeId: 'catapult.node_id' } as const;

/** One launch to describe: usually a matcher `Launch` plus the node's description and task id. */
export interface TaskBuildInput {
  /** The node's description (named so a matcher `Launch` can be spread in beside it). */
  nodeInfo: SchedulerNodeInfo;
  /** `<nodeId>.<incarnation>`, see `taskIdFor`. */
  taskId: string;
  /** The offer the task goes on (its agent id is the task's). */
  offer: Offer;
  /** The task's resources, copied from the offer. */
  resources: readonly Resource[];
  /** The custom executor's resources, copied from the offer; needed when the node has `executor = true`. */
  executorResources?: readonly Resource[];
  /** The assigned host ports, in the node's port order. */
  ports: readonly number[];
}

/** Framework-wide settings of every TaskInfo. */
export interface TaskBuilderOptions {
  /** ExecutorInfo.framework_id of custom executors. */
  frameworkId?: string;
  /** KillPolicy grace period: time between SIGTERM and SIGKILL. Unset: the agent's default. */
  killGracePeriodSeconds?: number;
  /** Fetched before every task, ahead of the node's own URIs (e.g. DockerRegistryInfo.uris). */
  extraUris?: readonly CommandUri[];
}

function labels(appId: string, nodeId: string): Labels {
  return { labels: [{ key: TASK_LABELS.appId, value: appId }, { key: TASK_LABELS.nodeId, value: nodeId }] };
}

/**
 * Builds the TaskInfo for one launch.
 *
 * @example
 * const taskInfo = buildTaskInfo({ nodeInfo, taskId: taskIdFor(nodeId, 3), ...launch }, { frameworkId, killGracePeriodSeconds: 30 });
 *
 * @throws {InvalidIdError} an id Mesos would reject.
 * @throws {InvalidResourcesError} bad node resources, no task resources, or an executor node without executor resources.
 * @throws {PortsMismatchError} fewer assigned ports than the node needs.
 * @throws {MissingCommandError} / {InvalidContainerError} / {InvalidVolumeError} see `validateNode` and `dockerContainerInfo`.
 */
export function buildTaskInfo(input: TaskBuildInput, options: TaskBuilderOptions = {}): TaskInfo {
  const { appId, nodeId, container } = validateNode(input.nodeInfo);
  const taskId = validateId(input.taskId, 'task id');
  const agentId = validateId(input.offer.agent_id?.value, 'offer agent id');
  const needed = hostPortRequests(container).length;
  if (input.ports.length < needed) {
    throw new PortsMismatchError(`task ${taskId} needs ${needed} host ports, got ${input.ports.length}; pass the ports the matcher assigned`, {
      taskId,
      needed,
      ports: [...input.ports],
    });
  }
  if (input.resources.length === 0) {
    throw new InvalidResourcesError(`task ${taskId} has no resources; pass the resources the matcher took from the offer`, { taskId });
  }

  const lite = container.container_lite_info;
  const containerInfo: ContainerInfo | undefined = lite ? dockerContainerInfo(lite, input.ports, nodeId) : (container.container_info ?? undefined);
  const uris = [...(options.extraUris ?? []), ...(container.uris ?? [])];
  const command: CommandInfo = container.command ? { value: container.command, shell: true } : { shell: false };
  if (uris.length > 0) command.uris = uris;
  command.environment = taskEnvironment(lite?.environment, { appId, nodeId, taskId }, input.ports);

  const task: TaskInfo = {
    name: container.name || nodeId,
    task_id: { value: taskId },
    agent_id: { value: agentId },
    resources: [...input.resources],
    labels: labels(appId, nodeId),
  };
  if (options.killGracePeriodSeconds !== undefined) {
    task.kill_policy = { grace_period: { nanoseconds: Math.round(options.killGracePeriodSeconds * 1e9) } };
  }
  if (!container.executor) {
    task.command = command;
    if (containerInfo) task.container = containerInfo;
    return task;
  }

  const executorResources = input.executorResources ?? [];
  if (executorResources.length === 0) {
    throw new InvalidResourcesError(`task ${taskId} runs a custom executor but no executor resources were given; pass the matcher's executorResources`, {
      taskId,
    });
  }
  task.executor = {
    executor_id: { value: executorIdFor(taskId) },
    name: container.name || nodeId,
    type: EXECUTOR_CUSTOM,
    resources: [...executorResources],
    command,
    labels: labels(appId, nodeId),
  };
  if (options.frameworkId) task.executor.framework_id = { value: options.frameworkId };
  if (containerInfo) task.executor.container = containerInfo;
  return task;
}
