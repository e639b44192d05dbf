/**
 * The two lists an executor keeps until the agent answers ACKNOWLEDGED
 * (mesos-http-api.md §3.5): tasks it received but has no acknowledged update
 * for, and updates it sent but the agent has not stored yet. Both go into
 * every re-SUBSCRIBE so an agent that restarted can replay them.
 */
import { formatUuid, type ExecutorCallUpdate, type TaskInfo } from '../wire';

/** One pending update, keyed by its uuid. */
export interface PendingUpdate {
  /** `uuid` in its canonical text form, the ledger's key. */
  key: string;
  taskId: string;
  update: ExecutorCallUpdate;
}

/** The ledger's key for raw uuid bytes: their canonical text form. */
export function uuidKey(uuid: Uint8Array): string {
  return formatUuid(uuid);
}

/** The unacknowledged tasks and updates, in the order they were added. */
export class UnacknowledgedLedger {
  private readonly tasks = new Map<string, TaskInfo>();
  private readonly updates = new Map<string, PendingUpdate>();
  private drainWaiters: Array<() => void> = [];

  /** Records a task received through LAUNCH or LAUNCH_GROUP. */
  addTask(task: TaskInfo): void {
    const id = task.task_id?.value;
    if (id !== undefined && !this.tasks.has(id)) this.tasks.set(id, task);
  }

  /** Records an update about to be sent; returns its entry. The update must carry a uuid. */
  addUpdate(update: ExecutorCallUpdate): PendingUpdate {
    const uuid = update.status.uuid;
    if (!uuid) throw new TypeError('an executor update needs status.uuid');
    const entry: PendingUpdate = { key: uuidKey(uuid), taskId: update.status.task_id?.value ?? '', update };
    this.updates.set(entry.key, entry);
    return entry;
  }

  /**
   * Applies an ACKNOWLEDGED event: drops the update and its task. Returns the
   * dropped update, or undefined when it was unknown (a duplicate).
   */
  acknowledge(taskId: string, uuid: Uint8Array): PendingUpdate | undefined {
    // The agent has stored an update of this task, so it knows the task: it is no longer in transit.
    this.tasks.delete(taskId);
    const key = uuidKey(uuid);
    const entry = this.updates.get(key);
    if (entry === undefined) return undefined;
    this.updates.delete(key);
    if (this.updates.size === 0) this.notifyDrained();
    return entry;
  }

  /** True while `key` is still waiting for ACKNOWLEDGED. */
  isPending(key: string): boolean {
    return this.updates.has(key);
  }

  /** The pending entries, oldest first. */
  pendingUpdates(): PendingUpdate[] {
    return [...this.updates.values()];
  }

  /** The unacknowledged tasks, oldest first. */
  unacknowledgedTasks(): TaskInfo[] {
    return [...this.tasks.values()];
  }

  /** The unacknowledged updates, oldest first. */
  unacknowledgedUpdates(): ExecutorCallUpdate[] {
    return [...this.updates.values()].map((e) => e.update);
  }

  /** How many updates wait for ACKNOWLEDGED. */
  get pendingUpdateCount(): number {
    return this.updates.size;
  }

  /** Resolves once no update waits for ACKNOWLEDGED (at once if none does). */
  drained(): Promise<void> {
    if (this.updates.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private notifyDrained(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
