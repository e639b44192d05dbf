/**
 * Drives the {@link ReconciliationPlanner} with a timer: explicit
 * reconciliation of every non-terminal task after each SUBSCRIBED, then
 * implicit, then periodic implicit. Answers (any update) feed the planner.
 */
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { ReconciliationPlanner, type ReconcileRequest, type ReconcileTask } from '../reconciliation';

export interface ReconcilerOptions {
  clock: Clock;
  logger: Logger;
  /** Sends one RECONCILE; a failure is logged and the planner's backoff retries. */
  send: (request: ReconcileRequest) => Promise<void>;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  implicitIntervalMs?: number;
}

export class Reconciler {
  private readonly planner: ReconciliationPlanner;
  private timer: TimerHandle | undefined;
  private active = false;
  /** RECONCILE calls sent, by kind. */
  readonly sent = { explicit: 0, implicit: 0 };

  constructor(private readonly options: ReconcilerOptions) {
    this.planner = new ReconciliationPlanner({
      clock: options.clock,
      initialBackoffMs: options.initialBackoffMs,
      maxBackoffMs: options.maxBackoffMs,
      implicitIntervalMs: options.implicitIntervalMs,
    });
  }

  /** After SUBSCRIBED: reconcile `tasks` explicitly, then implicitly. */
  start(tasks: readonly ReconcileTask[]): void {
    this.active = true;
    this.planner.start(tasks);
    this.options.logger.info({ tasks: tasks.length }, 'reconciling explicitly');
    this.arm();
  }

  /** Adds tasks to reconcile explicitly (e.g. a launch that produced no update in time). */
  add(tasks: readonly ReconcileTask[]): void {
    if (!this.active || tasks.length === 0) return;
    this.planner.add(tasks);
    this.arm();
  }

  /** An update for `taskId` arrived. */
  onUpdate(taskId: string): void {
    if (!this.active) return;
    this.planner.onUpdate(taskId, this.options.clock.now());
    this.arm();
  }

  /** Tasks still unanswered. */
  outstanding(): ReconcileTask[] {
    return this.planner.outstanding();
  }

  /** Stops (on disconnect or when stepping down). */
  stop(): void {
    this.active = false;
    this.planner.stop();
    this.timer?.cancel();
    this.timer = undefined;
  }

  private arm(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const dueAt = this.planner.nextDueAt();
    if (!this.active || dueAt === undefined) return;
    this.timer = this.options.clock.setTimeout(() => this.fire(), dueAt - this.options.clock.now());
  }

  private fire(): void {
    this.timer = undefined;
    if (!this.active) return;
    const request = this.planner.due(this.options.clock.now());
    if (request) {
      this.sent[request.kind]++;
      this.options.logger.debug({ kind: request.kind, tasks: request.tasks.length }, 'RECONCILE');
      this.options.send(request).catch((err: unknown) => this.options.logger.warn({ err, kind: request.kind }, 'RECONCILE failed; retrying with backoff'));
    }
    this.arm();
  }
}
