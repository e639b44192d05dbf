/**
 * Errors of describing a task: the node's SchedulerNodeInfo cannot become a
 * valid Mesos TaskInfo. Each says which field is wrong and how to fix it.
 */
import { CatapultError } from '../../util';

/** An app, node, task or executor id Mesos would reject. */
export class InvalidIdError extends CatapultError {
  constructor(message: string, details: Record<string, unknown>) {
    super('CATAPULT_TASK_INVALID_ID', message, { details });
  }
}

/** The node's resources are missing or out of range (no cpus, memory below 1 MB, fractional GPUs, ...). */
export class InvalidResourcesError extends CatapultError {
  constructor(message: string, details: Record<string, unknown>) {
    super('CATAPULT_TASK_INVALID_RESOURCES', message, { details });
  }
}

/** The node has nothing to run: no command, no custom executor and no docker image. */
export class MissingCommandError extends CatapultError {
  constructor(message: string, details: Record<string, unknown>) {
    super('CATAPULT_TASK_MISSING_COMMAND', message, { details });
  }
}

/** The container description is contradictory or incomplete (both container forms, no image, bad network or port mapping). */
export class InvalidContainerError extends CatapultError {
  constructor(message: string, details: Record<string, unknown>) {
    super('CATAPULT_TASK_INVALID_CONTAINER', message, { details });
  }
}

/** A volume has no container path, or neither a host path nor a name. */
export class InvalidVolumeError extends CatapultError {
  constructor(message: string, details: Record<string, unknown>) {
    super('CATAPULT_TASK_INVALID_VOLUME', message, { details });
  }
}

/** Fewer host ports were assigned than the node needs. */
export class PortsMismatchError extends CatapultError {
  constructor(message: string, details: Record<string, unknown>) {
    super('CATAPULT_TASK_PORTS_MISMATCH', message, { details });
  }
}
