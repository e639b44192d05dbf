/**
 * Mesos `TaskState` names (the v1 API's enum value names), grouped the way the
 * node machine reacts to them.
 */
export const TASK_STATES = [
  'TASK_STAGING',
  'TASK_STARTING',
  'TASK_RUNNING',
  'TASK_KILLING',
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_ERROR',
  'TASK_LOST',
  'TASK_DROPPED',
  'TASK_UNREACHABLE',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
  'TASK_UNKNOWN',
] as const;

/** One Mesos `TaskState`, by its enum value name. */
export type TaskStateName = (typeof TASK_STATES)[number];

/** States after which the task can never run again. */
export const TERMINAL_TASK_STATES: readonly TaskStateName[] = [
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_ERROR',
  'TASK_LOST',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
  'TASK_UNKNOWN',
];

/** Terminal states the node machine treats as "the task failed" (relaunched by default). */
export const FAILED_TASK_STATES: readonly TaskStateName[] = ['TASK_FAILED', 'TASK_ERROR'];

/** Terminal states the node machine treats as "the task is gone" (relaunched by default). */
export const LOST_TASK_STATES: readonly TaskStateName[] = [
  'TASK_LOST',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
  'TASK_UNKNOWN',
];

/** True for a state after which the task can never run again. */
export function isTerminalTaskState(state: TaskStateName): boolean {
  return TERMINAL_TASK_STATES.includes(state);
}
