/**
 * In-process tasks that follow a script instead of running a process, so a
 * benchmark can put tens of thousands of tasks on one agent.
 *
 * A task costs one small object. Due steps are grouped into ticks of
 * `tickMs` and all tasks share one Clock timer, armed for the earliest tick
 * that has work.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { Clock, TimerHandle } from '../../util/clock';
import { isTerminalState } from './task-states';

const { TaskState } = mesos.v1;

/** One scripted state change, `afterMs` after the previous one (or after the launch). */
export interface SimulatedStep {
  afterMs: number;
  state: mesos.v1.TaskState;
  reason?: mesos.v1.TaskStatus.Reason;
  message?: string;
}

/** The lifecycle of a simulated task; a terminal state ends it. */
export type SimulatedTaskScript = readonly SimulatedStep[];

/** Shorthand for the usual scripts. */
export interface SimulatedScriptSpec {
  /** Delay of TASK_STARTING after the launch. Default 0. */
  startingAfterMs?: number;
  /** Delay of TASK_RUNNING after TASK_STARTING. Default 0. */
  runningAfterMs?: number;
  /** TASK_FINISHED this long after TASK_RUNNING. */
  finishAfterMs?: number;
  /** TASK_FAILED this long after TASK_RUNNING (wins over `finishAfterMs` when shorter). */
  failAfterMs?: number;
  /** Message of the scripted failure. */
  failMessage?: string;
}

/** Builds a script: STARTING, RUNNING, then optionally FINISHED or FAILED. */
export function simulatedScript(spec: SimulatedScriptSpec = {}): SimulatedTaskScript {
  const steps: SimulatedStep[] = [
    { afterMs: spec.startingAfterMs ?? 0, state: TaskState.TASK_STARTING },
    { afterMs: spec.runningAfterMs ?? 0, state: TaskState.TASK_RUNNING },
  ];
  const fail = spec.failAfterMs;
  const finish = spec.finishAfterMs;
  if (fail !== undefined && (finish === undefined || fail <= finish)) {
    steps.push({ afterMs: fail, state: TaskState.TASK_FAILED, message: spec.failMessage ?? 'Scripted failure' });
  } else if (finish !== undefined) {
    steps.push({ afterMs: finish, state: TaskState.TASK_FINISHED, message: 'Scripted finish' });
  }
  return steps;
}

/** The script of a task without one: STARTING then RUNNING, forever. */
export const DEFAULT_SIMULATED_SCRIPT: SimulatedTaskScript = simulatedScript();

/** Reports one state change of a simulated task. */
export type SimulatedReporter = (
  frameworkId: string,
  taskId: string,
  state: mesos.v1.TaskState,
  fields: { reason?: mesos.v1.TaskStatus.Reason; message?: string },
) => void;

interface SimTask {
  readonly frameworkId: string;
  readonly taskId: string;
  readonly script: SimulatedTaskScript;
  next: number;
  dueTick: number;
  killing: boolean;
}

/** Runs every simulated task of one agent. */
export class SimulatedTasks {
  private readonly tasks = new Map<string, SimTask>();
  private readonly buckets = new Map<number, SimTask[]>();
  private timer: TimerHandle | undefined;
  private timerTick = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly tickMs: number,
    private readonly killDelayMs: number,
    private readonly report: SimulatedReporter,
  ) {}

  /** Number of live simulated tasks. */
  get size(): number {
    return this.tasks.size;
  }

  /** True when the task is a live simulated task. */
  has(frameworkId: string, taskId: string): boolean {
    return this.tasks.has(key(frameworkId, taskId));
  }

  /** Starts a task on `script`. */
  launch(frameworkId: string, taskId: string, script: SimulatedTaskScript): void {
    const task: SimTask = { frameworkId, taskId, script, next: 0, dueTick: 0, killing: false };
    this.tasks.set(key(frameworkId, taskId), task);
    this.schedule(task, this.clock.now() + (script[0]?.afterMs ?? 0));
  }

  /** Kills a task: TASK_KILLING first when `killingState`, TASK_KILLED `killDelayMs` later. */
  kill(frameworkId: string, taskId: string, killingState: boolean): void {
    const task = this.tasks.get(key(frameworkId, taskId));
    if (task === undefined || task.killing) return;
    task.killing = true;
    if (killingState) this.report(frameworkId, taskId, TaskState.TASK_KILLING, {});
    this.schedule(task, this.clock.now() + this.killDelayMs);
  }

  /** Forgets a task without reporting anything. */
  remove(frameworkId: string, taskId: string): void {
    this.tasks.delete(key(frameworkId, taskId));
  }

  /** Forgets every task of a framework without reporting anything. */
  removeFramework(frameworkId: string): void {
    for (const task of this.tasks.values()) {
      if (task.frameworkId === frameworkId) this.tasks.delete(key(frameworkId, task.taskId));
    }
  }

  /** The live tasks of a framework. */
  taskIds(frameworkId: string): string[] {
    const out: string[] = [];
    for (const task of this.tasks.values()) if (task.frameworkId === frameworkId) out.push(task.taskId);
    return out;
  }

  /** Stops the shared timer; tasks stay (they resume on the next launch or kill). */
  pause(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.timerTick = Infinity;
  }

  /** Re-arms the shared timer after {@link pause}. */
  resume(): void {
    let earliest = Infinity;
    for (const tick of this.buckets.keys()) earliest = Math.min(earliest, tick);
    if (earliest !== Infinity) this.arm(earliest);
  }

  private schedule(task: SimTask, atMs: number): void {
    const tick = Math.ceil(atMs / this.tickMs);
    task.dueTick = tick;
    const bucket = this.buckets.get(tick);
    if (bucket === undefined) this.buckets.set(tick, [task]);
    else bucket.push(task);
    this.arm(tick);
  }

  private arm(tick: number): void {
    if (tick >= this.timerTick) return;
    this.timer?.cancel();
    this.timerTick = tick;
    this.timer = this.clock.setTimeout(() => this.onTick(), tick * this.tickMs - this.clock.now());
  }

  private onTick(): void {
    this.timer = undefined;
    this.timerTick = Infinity;
    const nowTick = Math.floor(this.clock.now() / this.tickMs);
    const due = [...this.buckets.keys()].filter((tick) => tick <= nowTick).sort((a, b) => a - b);
    for (const tick of due) {
      const bucket = this.buckets.get(tick) ?? [];
      this.buckets.delete(tick);
      for (const task of bucket) {
        if (task.dueTick === tick && this.tasks.get(key(task.frameworkId, task.taskId)) === task) this.step(task);
      }
    }
    this.resume();
  }

  private step(task: SimTask): void {
    if (task.killing) {
      this.tasks.delete(key(task.frameworkId, task.taskId));
      this.report(task.frameworkId, task.taskId, TaskState.TASK_KILLED, { message: 'Simulated task killed' });
      return;
    }
    // Zero-delay steps happen in the same tick, in order.
    for (;;) {
      const step = task.script[task.next++];
      if (step === undefined) return;
      if (isTerminalState(step.state)) this.tasks.delete(key(task.frameworkId, task.taskId));
      this.report(task.frameworkId, task.taskId, step.state, { reason: step.reason, message: step.message });
      if (isTerminalState(step.state)) return;
      const following = task.script[task.next];
      if (following === undefined) return;
      if (following.afterMs > 0) {
        this.schedule(task, this.clock.now() + following.afterMs);
        return;
      }
    }
  }
}

function key(frameworkId: string, taskId: string): string {
  return `${frameworkId}\u0000${taskId}`;
}
