export { buildTaskInfo, TASK_LABELS } from './task-info-builder';
export type { TaskBuildInput, TaskBuilderOptions } from './task-info-builder';

export { pendingNodeFromInfo, validateNode, hostPortRequests, nodeConstraints, executorDemand, MIN_EXECUTOR_CPUS, MIN_EXECUTOR_MEMORY_MB } from './node-requirements';
export type { NodeRequirementOptions, NodeSpec } from './node-requirements';

export { dockerContainerInfo } from './docker-container';

export { taskEnvironment, catapultVariables, CATAPULT_ENV } from './task-environment';
export type { TaskIdentity } from './task-environment';

export { taskIdFor, executorIdFor, validateId, MAX_ID_LENGTH } from './task-ids';

export { InvalidIdError, InvalidResourcesError, MissingCommandError, InvalidContainerError, InvalidVolumeError, PortsMismatchError } from './task-errors';

export type { TaskInfo, ExecutorInfo, CommandInfo, ContainerInfo, SchedulerNodeInfo, SchedulerContainer, ContainerLiteInfo, SchedulerVolume } from './task-types';
