/**
 * Builds the TaskStatus of an executor UPDATE the way the agent validates it
 * (mesos-http-api.md §3.3): a fresh random v4 uuid as 16 raw bytes (drawn from
 * the injected Random, so a seeded run is reproducible), source
 * SOURCE_EXECUTOR, the executor id, a timestamp in seconds, never TASK_STAGING.
 */
import type { Clock } from '../util/clock';
import type { Random } from '../util/random';
import { mesos, newUuidBytes } from '../wire';

export type TaskState = mesos.v1.TaskState;
export const TaskState = mesos.v1.TaskState;

/** What varies between two updates of the same task. */
export interface StatusDetails {
  message?: string;
  reason?: mesos.v1.TaskStatus.Reason;
  data?: Uint8Array;
  healthy?: boolean;
}

/** Stamps executor updates with ids, uuid, source and time. */
export class TaskStatusFactory {
  constructor(
    private readonly executorId: string,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  /** A complete executor TaskStatus for `taskId` in `state`. */
  build(taskId: string, state: TaskState, details: StatusDetails = {}): mesos.v1.TaskStatus.$Properties {
    if (state === TaskState.TASK_STAGING) throw new RangeError('executors must never send TASK_STAGING');
    const status: mesos.v1.TaskStatus.$Properties = {
      task_id: { value: taskId },
      state,
      source: mesos.v1.TaskStatus.Source.SOURCE_EXECUTOR,
      uuid: newUuidBytes(this.random),
      timestamp: this.clock.now() / 1000,
      executor_id: { value: this.executorId },
    };
    if (details.message !== undefined) status.message = details.message;
    if (details.reason !== undefined) status.reason = details.reason;
    if (details.data !== undefined) status.data = details.data;
    if (details.healthy !== undefined) status.healthy = details.healthy;
    return status;
  }
}
