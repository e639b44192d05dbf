/**
 * Facts about `TaskState` the agent needs.
 */
import { mesos } from '../../../proto/gen/mesos';

const TERMINAL = new Set<number>([
  mesos.v1.TaskState.TASK_FINISHED,
  mesos.v1.TaskState.TASK_FAILED,
  mesos.v1.TaskState.TASK_KILLED,
  mesos.v1.TaskState.TASK_LOST,
  mesos.v1.TaskState.TASK_ERROR,
  mesos.v1.TaskState.TASK_DROPPED,
  mesos.v1.TaskState.TASK_GONE,
  mesos.v1.TaskState.TASK_GONE_BY_OPERATOR,
]);

/** True for the states Mesos itself treats as terminal. */
export function isTerminalState(state: mesos.v1.TaskState | null | undefined): boolean {
  return state !== null && state !== undefined && TERMINAL.has(state);
}
