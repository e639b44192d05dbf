/**
 * What a node needs from an offer, read from its SchedulerNodeInfo, and the
 * checks that make a bad node description fail before it is ever matched.
 */
import { parseConstraints, type PendingNode, type PlacementConstraint, type ResourceDemand } from '../placement';
import { InvalidContainerError, InvalidResourcesError, MissingCommandError } from './task-errors';
import { validateId } from './task-ids';
import type { SchedulerContainer, SchedulerNodeInfo } from './task-types';

/** The fewest cpus a custom executor gets (Mesos' minimum executor). */
export const MIN_EXECUTOR_CPUS = 0.01;
/** The fewest MB a custom executor gets (Mesos' minimum executor). */
export const MIN_EXECUTOR_MEMORY_MB = 32;

/** How much a custom executor takes besides its task. */
export interface NodeRequirementOptions {
  /** cpus for a custom executor, on top of the task's. Default and minimum 0.01. */
  executorCpus?: number;
  /** MB for a custom executor, on top of the task's. Default and minimum 32. */
  executorMemoryMb?: number;
}

/** A node's validated ids and container. */
export interface NodeSpec {
  appId: string;
  nodeId: string;
  container: SchedulerContainer;
}

function positive(value: number | null | undefined, min: number, field: string, nodeId: string, hint: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new InvalidResourcesError(`node ${nodeId}: SchedulerContainer.${field} is ${String(value)}; ${hint}`, { nodeId, field, value });
  }
}

/**
 * Checks a node's ids, resources and what it runs.
 *
 * @throws {InvalidIdError} app or node id missing or not a valid Mesos id.
 * @throws {InvalidResourcesError} no cpus, memory below 1 MB, negative disk.
 * @throws {MissingCommandError} neither a command, a custom executor nor a docker image.
 * @throws {InvalidContainerError} both container_info and container_lite_info, or a lite container without image.
 */
export function validateNode(info: SchedulerNodeInfo): NodeSpec {
  const appId = validateId(info.app_id?.value, 'app id');
  const nodeId = validateId(info.node_id?.value, 'node id');
  const container = info.scheduler_container;
  if (!container) {
    throw new InvalidContainerError(`node ${nodeId} has no scheduler_container; describe what it runs there`, { nodeId });
  }
  positive(container.cpus, 0.001, 'cpus', nodeId, 'set it to more than 0 (e.g. 0.1)');
  positive(container.memory, 1, 'memory', nodeId, 'set it to at least 1 (MB)');
  positive(container.disk ?? 0, 0, 'disk', nodeId, 'set it to 0 or more (MB)');
  positive(container.gpus ?? 0, 0, 'gpus', nodeId, 'set it to 0 or more GPUs');
  const lite = container.container_lite_info;
  if (container.container_info && lite) {
    throw new InvalidContainerError(`node ${nodeId} sets both container_info and container_lite_info; keep one`, { nodeId });
  }
  if (lite && !lite.docker_image) {
    throw new InvalidContainerError(`node ${nodeId}: container_lite_info has no docker_image; name the image, e.g. "nginx:1.27"`, { nodeId });
  }
  const image = lite?.docker_image || container.container_info?.docker?.image;
  if (!container.executor && !container.command && !image) {
    throw new MissingCommandError(
      `node ${nodeId} has nothing to run: set SchedulerContainer.command, executor = true, or a docker image`,
      { nodeId },
    );
  }
  return { appId, nodeId, container };
}

/**
 * The host ports a node needs, one entry per port (`PORT0`, `PORT1`, ...):
 * port mappings first (their fixed host_port, or 0 for any), then any
 * further ports up to SchedulerContainer.ports.
 */
export function hostPortRequests(container: SchedulerContainer): number[] {
  const mapped = (container.container_lite_info?.port_mappings ?? []).map((m) => m.host_port ?? 0);
  const count = Math.max(container.ports ?? 0, mapped.length);
  return [...mapped, ...Array.from({ length: count - mapped.length }, () => 0)];
}

/** The constraints of a node: its own, its container's and its volumes'. */
export function nodeConstraints(container: SchedulerContainer): PlacementConstraint[] {
  const lite = container.container_lite_info;
  return parseConstraints([
    ...(container.constraints ?? []),
    ...(lite?.constraints ?? []),
    ...(lite?.volumes ?? []).flatMap((v) => v.constraints ?? []),
  ]);
}

/** The resources of a node's custom executor (at least Mesos' minimum). */
export function executorDemand(options: NodeRequirementOptions = {}): ResourceDemand {
  return {
    cpus: Math.max(MIN_EXECUTOR_CPUS, options.executorCpus ?? MIN_EXECUTOR_CPUS),
    memoryMb: Math.max(MIN_EXECUTOR_MEMORY_MB, options.executorMemoryMb ?? MIN_EXECUTOR_MEMORY_MB),
  };
}

/**
 * The pending node the offer matcher places, from a node's description.
 *
 * @throws the errors of {@link validateNode}, and InvalidConstraintError.
 */
export function pendingNodeFromInfo(info: SchedulerNodeInfo, options: NodeRequirementOptions = {}): PendingNode {
  const { appId, nodeId, container } = validateNode(info);
  const task: ResourceDemand = {
    cpus: container.cpus ?? 0,
    memoryMb: container.memory ?? 0,
    diskMb: container.disk ?? 0,
    gpus: container.gpus ?? 0,
    ports: hostPortRequests(container),
  };
  const node: PendingNode = { appId, nodeId, task, constraints: nodeConstraints(container) };
  if (container.executor) node.executor = executorDemand(options);
  return node;
}
