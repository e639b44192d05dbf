/**
 * The reconciliation algorithm of the Mesos docs (§5.2) as a pure state
 * object: it says what RECONCILE to send and when, and sends nothing.
 *
 * After every SUBSCRIBED, {@link ReconciliationPlanner.start} begins
 * explicit reconciliation of every task believed non-terminal (restarting
 * any loop already running). A task drops out once any update for it
 * arrives after it was asked about; the rest are asked again with truncated
 * exponential backoff. When none are left, one implicit reconciliation
 * follows, then an implicit one every `implicitIntervalMs`.
 *
 * The owner arms one timer for {@link ReconciliationPlanner.nextDueAt} and,
 * when it fires, sends what {@link ReconciliationPlanner.due} returns.
 */
import type { Clock } from '../../util';

/** A task to reconcile explicitly. */
export interface ReconcileTask {
  taskId: string;
  /** Helps the master answer when the task is unknown to it. */
  agentId?: string;
}

/** The content of a RECONCILE call: `schedulerCalls.reconcile(frameworkId, request.tasks)`. */
export interface ReconcileRequest {
  kind: 'explicit' | 'implicit';
  /** Empty for implicit reconciliation. */
  tasks: ReconcileTask[];
}

/** The clock and the timing of reconciliation. */
export interface ReconciliationPlannerOptions {
  clock: Clock;
  /** Wait after the first explicit RECONCILE before asking again. Default 5 s. */
  initialBackoffMs?: number;
  /** Longest wait between explicit RECONCILEs. Default 60 s. */
  maxBackoffMs?: number;
  /** Period of implicit reconciliation. Default 15 minutes. */
  implicitIntervalMs?: number;
}

type Phase = 'idle' | 'explicit' | 'periodic';

/** Plans RECONCILE calls; see the file header. */
export class ReconciliationPlanner {
  private readonly clock: Clock;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly implicitIntervalMs: number;
  private phase: Phase = 'idle';
  /** Task id → the task and when it was (last) added. */
  private readonly pending = new Map<string, { task: ReconcileTask; sinceMs: number }>();
  private dueAtMs: number | undefined;
  private backoffMs: number;

  constructor(options: ReconciliationPlannerOptions) {
    this.clock = options.clock;
    this.initialBackoffMs = options.initialBackoffMs ?? 5_000;
    this.maxBackoffMs = Math.max(this.initialBackoffMs, options.maxBackoffMs ?? 60_000);
    this.implicitIntervalMs = options.implicitIntervalMs ?? 15 * 60_000;
    this.backoffMs = this.initialBackoffMs;
  }

  /** Starts (or restarts) explicit reconciliation of `tasks`; the first RECONCILE is due now. */
  start(tasks: readonly ReconcileTask[]): void {
    const now = this.clock.now();
    this.pending.clear();
    for (const task of tasks) this.pending.set(task.taskId, { task, sinceMs: now });
    this.phase = 'explicit';
    this.backoffMs = this.initialBackoffMs;
    this.dueAtMs = now;
  }

  /**
   * Adds tasks to reconcile explicitly, e.g. a launched task that produced no
   * update in time. Resumes the explicit loop if it had finished.
   */
  add(tasks: readonly ReconcileTask[]): void {
    if (tasks.length === 0) return;
    const now = this.clock.now();
    for (const task of tasks) this.pending.set(task.taskId, { task, sinceMs: now });
    if (this.phase !== 'explicit') {
      this.phase = 'explicit';
      this.backoffMs = this.initialBackoffMs;
      this.dueAtMs = now;
    }
  }

  /** Records an update for a task; it no longer needs reconciling if the update came after it was added. */
  onUpdate(taskId: string, atMs: number = this.clock.now()): void {
    const entry = this.pending.get(taskId);
    if (entry === undefined || atMs < entry.sinceMs) return;
    this.pending.delete(taskId);
    // The implicit round follows at once rather than after the remaining backoff.
    if (this.phase === 'explicit' && this.pending.size === 0) this.dueAtMs = Math.min(this.dueAtMs ?? atMs, atMs);
  }

  /** When the next RECONCILE is due (epoch ms); undefined before start or after stop. */
  nextDueAt(): number | undefined {
    return this.dueAtMs;
  }

  /** Tasks still waiting for an answer, in the order they were added. */
  outstanding(): ReconcileTask[] {
    return [...this.pending.values()].map((e) => ({ ...e.task }));
  }

  /**
   * The RECONCILE to send now, if one is due, and the schedule moved on;
   * undefined when nothing is due yet.
   */
  due(nowMs: number = this.clock.now()): ReconcileRequest | undefined {
    if (this.dueAtMs === undefined || nowMs < this.dueAtMs) return undefined;
    if (this.phase === 'explicit' && this.pending.size > 0) {
      this.dueAtMs = nowMs + this.backoffMs;
      this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
      return { kind: 'explicit', tasks: this.outstanding() };
    }
    this.phase = 'periodic';
    this.dueAtMs = nowMs + this.implicitIntervalMs;
    return { kind: 'implicit', tasks: [] };
  }

  /** Stops planning (e.g. on disconnection); `start` begins again. */
  stop(): void {
    this.phase = 'idle';
    this.pending.clear();
    this.dueAtMs = undefined;
  }
}
