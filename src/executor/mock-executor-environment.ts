/**
 * Drives an {@link ExecutableApp} without an agent, for unit tests of user
 * apps (Temporal's MockActivityEnvironment, undici's MockAgent): launch a
 * task, send it messages, kill or shut it down, and read back the updates and
 * messages it produced. It runs the same runtime as the real executor; only
 * the HTTP link is replaced by a recorder that acknowledges every update.
 */
import { systemClock, type Clock } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { seededRandom, type Random } from '../util/random';
import { enumLabel, mesos, type TaskInfo, type TaskStatus } from '../wire';
import type { ExecutableApp } from './executable-app';
import type { ExecutorPort } from './executor-port';
import { ExecutorRuntime } from './executor-runtime';
import { decodeFrameworkMessage, encodeFrameworkMessage } from './framework-message';
import { TaskState, TaskStatusFactory } from './task-status';

const EventType = mesos.v1.executor.Event.Type;

/** Options of {@link MockExecutorEnvironment}. */
export interface MockExecutorEnvironmentOptions {
  /** Default: the system clock. Pass a ManualClock to drive grace periods. */
  clock?: Clock;
  /** Default: a seeded generator, so uuids repeat between runs. */
  random?: Random;
  logger?: Logger;
  executorId?: string;
  /** Default 5 s, the agent's default. */
  shutdownGracePeriodMs?: number;
  /** Whether the framework has TASK_KILLING_STATE (then a kill reports TASK_KILLING first). Default false. */
  taskKillingState?: boolean;
}

/** A message the app sent to its scheduler node, envelope removed. */
export interface RecordedMessage {
  taskId: string | undefined;
  data: Uint8Array;
}

/** An in-memory executor for testing one ExecutableApp. */
export class MockExecutorEnvironment {
  /** Every update the executor sent, in order. */
  readonly updates: TaskStatus[] = [];
  /** Every message the app sent to its scheduler node, in order. */
  readonly messages: RecordedMessage[] = [];
  private readonly runtime: ExecutorRuntime;
  private readonly waiters: Array<{ state: TaskState; resolve: (status: TaskStatus) => void }> = [];
  private launched: string | undefined;

  constructor(app: ExecutableApp, options: MockExecutorEnvironmentOptions = {}) {
    const clock = options.clock ?? systemClock;
    const executorId = options.executorId ?? 'mock-executor';
    this.runtime = new ExecutorRuntime({
      app,
      port: this.createPort(),
      statuses: new TaskStatusFactory(executorId, clock, options.random ?? seededRandom(1)),
      clock,
      logger: options.logger ?? silentLogger,
      shutdownGracePeriodMs: options.shutdownGracePeriodMs ?? 5_000,
    });
    const capabilities = options.taskKillingState ? [{ type: mesos.v1.FrameworkInfo.Capability.Type.TASK_KILLING_STATE }] : [];
    this.runtime.handle({
      type: EventType.SUBSCRIBED,
      subscribed: {
        executor_info: { executor_id: { value: executorId } },
        framework_info: { name: 'mock-framework', user: 'mock', capabilities },
        agent_info: { hostname: 'localhost' },
      },
    });
  }

  /** The state names reported so far, e.g. `['TASK_STARTING', 'TASK_RUNNING']`. */
  get states(): string[] {
    return this.updates.map((u) => enumLabel(TaskState, u.state));
  }

  /** Resolves with the executor's exit code once it would exit. */
  get exitCode(): Promise<number> {
    return this.runtime.done;
  }

  /** Launches a task running the app (a LAUNCH event). Returns the task id. */
  launch(task: Partial<TaskInfo> = {}): string {
    const taskId = task.task_id?.value ?? 'task-1';
    const info = { name: taskId, agent_id: { value: 'mock-agent' }, resources: [], ...task, task_id: { value: taskId } } as TaskInfo;
    this.launched ??= taskId;
    this.runtime.handle({ type: EventType.LAUNCH, launch: { task: info } });
    return taskId;
  }

  /** Sends `data` to the app as its scheduler node would (wrapped in the FrameworkMessage envelope). */
  async sendMessage(data: Uint8Array): Promise<void> {
    this.runtime.handle({ type: EventType.MESSAGE, message: { data: encodeFrameworkMessage(this.launched ?? '', data) } });
    await this.runtime.currentTask?.deliveries;
  }

  /** Kills the task as the scheduler would; `gracePeriodMs` is the KILL's kill policy. */
  kill(gracePeriodMs?: number): void {
    const kill_policy = gracePeriodMs === undefined ? undefined : { grace_period: { nanoseconds: gracePeriodMs * 1e6 } };
    this.runtime.handle({ type: EventType.KILL, kill: { task_id: { value: this.launched ?? '' }, ...(kill_policy ? { kill_policy } : {}) } });
  }

  /** Shuts the executor down as the agent would. */
  shutdown(): void {
    this.runtime.handle({ type: EventType.SHUTDOWN });
  }

  /** Resolves with the first update in `state` (by name or number), waiting if none was sent yet. */
  waitForState(state: TaskState | keyof typeof TaskState): Promise<TaskStatus> {
    const wanted = typeof state === 'string' ? TaskState[state] : state;
    const seen = this.updates.find((u) => u.state === wanted);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ state: wanted, resolve }));
  }

  private record(status: TaskStatus): void {
    this.updates.push(status);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i] as (typeof this.waiters)[number];
      if (waiter.state !== status.state) continue;
      this.waiters.splice(i, 1);
      waiter.resolve(status);
    }
  }

  private createPort(): ExecutorPort {
    return {
      sendUpdate: (status) => this.record(status),
      sendMessage: async (bytes) => {
        this.messages.push(decodeFrameworkMessage(bytes));
      },
      trackTask: () => undefined,
      waitForAcknowledgements: async () => true,
    };
  }
}
