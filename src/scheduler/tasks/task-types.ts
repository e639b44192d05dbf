/**
 * The generated message types the task builder produces and reads, and the
 * enum values it sets (typed as the generated enums, so the builder stays a
 * type-only user of `proto/gen`).
 */
import type { catapult, mesos } from '../../../proto/gen/mesos';

export type TaskInfo = mesos.v1.ITaskInfo;
export type ExecutorInfo = mesos.v1.IExecutorInfo;
export type CommandInfo = mesos.v1.ICommandInfo;
export type ContainerInfo = mesos.v1.IContainerInfo;
export type Environment = mesos.v1.IEnvironment;
export type Labels = mesos.v1.ILabels;
export type CommandUri = mesos.v1.CommandInfo.IURI;
export type SchedulerNodeInfo = catapult.ISchedulerNodeInfo;
export type SchedulerContainer = catapult.ISchedulerContainer;
export type ContainerLiteInfo = catapult.IContainerLiteInfo;
export type SchedulerVolume = catapult.ISchedulerVolume;

/** `mesos.v1.ContainerInfo.Type.DOCKER`. */
export const CONTAINER_DOCKER = 1 as mesos.v1.ContainerInfo.Type.DOCKER;

/** `mesos.v1.ContainerInfo.DockerInfo.Network` (catapult's ContainerLiteInfo.Network uses the same numbers). */
export const DockerNetwork = {
  HOST: 1 as mesos.v1.ContainerInfo.DockerInfo.Network.HOST,
  BRIDGE: 2 as mesos.v1.ContainerInfo.DockerInfo.Network.BRIDGE,
  NONE: 3 as mesos.v1.ContainerInfo.DockerInfo.Network.NONE,
  USER: 4 as mesos.v1.ContainerInfo.DockerInfo.Network.USER,
} as const;

/** `mesos.v1.Volume.Mode`. */
export const VolumeMode = {
  RW: 1 as mesos.v1.Volume.Mode.RW,
  RO: 2 as mesos.v1.Volume.Mode.RO,
} as const;

/** `mesos.v1.ExecutorInfo.Type.CUSTOM`. */
export const EXECUTOR_CUSTOM = 2 as mesos.v1.ExecutorInfo.Type.CUSTOM;

/** True when `field` was set on the message itself, not read from a generated prototype default. */
export function isSet<T extends object>(message: T, field: keyof T): boolean {
  return Object.prototype.hasOwnProperty.call(message, field) && message[field] !== null && message[field] !== undefined;
}
