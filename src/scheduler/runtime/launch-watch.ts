/**
 * Launched tasks that owe a first status update. Once an ACCEPT went out,
 * each of its tasks must produce an update (STARTING, RUNNING, or a terminal
 * state); one that stays silent for `timeoutMs` is reconciled explicitly
 * (the reliability rule "a launched task with no update in time is
 * reconciled"): the master then answers with its state, or TASK_GONE /
 * TASK_DROPPED for a launch it never saw, which the node machine handles as
 * any other status. This is much sooner than the node's own launch timeout,
 * which stays the last resort.
 */
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';
import type { ReconcileTask } from '../reconciliation';

export interface LaunchWatchOptions {
  clock: Clock;
  logger: Logger;
  /** How long a launched task may stay silent before it is reconciled. */
  timeoutMs: number;
  /** Adds tasks to explicit reconciliation. */
  reconcile: (tasks: ReconcileTask[]) => void;
}

export class LaunchWatch {
  private readonly waiting = new Map<string, TimerHandle>();

  constructor(private readonly options: LaunchWatchOptions) {}

  /** Tasks still waiting for their first update. */
  get size(): number {
    return this.waiting.size;
  }

  /** The ACCEPT launching `tasks` went out. */
  launched(tasks: readonly ReconcileTask[]): void {
    const { clock, logger, timeoutMs } = this.options;
    for (const task of tasks) {
      this.waiting.get(task.taskId)?.cancel();
      const timer = clock.setTimeout(() => {
        if (this.waiting.get(task.taskId) !== timer) return;
        this.waiting.delete(task.taskId);
        logger.warn({ taskId: task.taskId, agentId: task.agentId, silentForMs: timeoutMs }, 'a launched task sent no update in time; reconciling it');
        this.options.reconcile([task]);
      }, timeoutMs);
      this.waiting.set(task.taskId, timer);
    }
  }

  /** An update for `taskId` arrived. */
  updated(taskId: string): void {
    const timer = this.waiting.get(taskId);
    if (!timer) return;
    timer.cancel();
    this.waiting.delete(taskId);
  }

  /** Forgets everything (disconnected: the re-subscription reconciles every live task anyway). */
  stop(): void {
    for (const timer of this.waiting.values()) timer.cancel();
    this.waiting.clear();
  }
}
