/**
 * The master's in-memory model: frameworks, agents, tasks, executors, offers
 * and decline filters, with the resource accounting that ties them together.
 *
 * Plain records and lookups only; the behaviour lives in the modules that
 * take a {@link MasterContext}.
 */
import type { mesos } from '../../../proto/gen/mesos';
import type { TimerHandle } from '../../util/clock';
import type { AgentPort } from '../agent-link';
import type { EventStream } from './event-stream';
import { Resources } from './resource-math';

export interface FrameworkRecord {
  readonly id: string;
  info: mesos.v1.IFrameworkInfo;
  roles: string[];
  suppressedRoles: Set<string>;
  capabilities: Set<mesos.v1.FrameworkInfo.Capability.Type>;
  /** The open subscription, if the framework is connected. */
  stream: EventStream | undefined;
  failoverTimer: TimerHandle | undefined;
  /** Next role to offer to, for round-robin over a multi-role framework's roles. */
  nextRoleIndex: number;
}

export type AgentState = 'registered' | 'recovering' | 'unreachable';

export interface AgentRecord {
  readonly id: string;
  info: mesos.v1.IAgentInfo;
  /** Absent while the agent is only known from the registry (recovering after a failover). */
  port: AgentPort | undefined;
  state: AgentState;
  total: Resources;
  unreachableSinceMs: number | undefined;
}

export interface TaskRecord {
  readonly frameworkId: string;
  readonly taskId: string;
  readonly agentId: string;
  info: mesos.v1.ITaskInfo;
  executorId: string | undefined;
  state: mesos.v1.TaskState;
  /** The latest status the master relayed (or generated) for the task. */
  status: mesos.v1.ITaskStatus | undefined;
  /** Resources held while the task is not terminal. */
  resources: Resources;
  /** When the task's agent became unreachable. */
  unreachableSinceMs: number | undefined;
}

export interface ExecutorRecord {
  readonly frameworkId: string;
  readonly agentId: string;
  readonly executorId: string;
  resources: Resources;
}

export interface OfferRecord {
  readonly id: string;
  readonly frameworkId: string;
  readonly agentId: string;
  readonly role: string;
  readonly resources: Resources;
  timeout: TimerHandle | undefined;
}

export interface FilterRecord {
  readonly frameworkId: string;
  readonly agentId: string;
  readonly role: string;
  readonly resources: Resources;
  readonly expiresAtMs: number;
}

const key = (...parts: string[]) => parts.join('\u0000');

/** Every record the master holds. */
export class MasterState {
  readonly frameworks = new Map<string, FrameworkRecord>();
  /** Ids of frameworks removed by this master (teardown, failover timeout); re-subscribing with one is an error. */
  readonly removedFrameworks = new Set<string>();
  readonly agents = new Map<string, AgentRecord>();
  /** Tasks by framework id + task id. */
  readonly tasks = new Map<string, TaskRecord>();
  /** Executors by framework id + agent id + executor id. */
  readonly executors = new Map<string, ExecutorRecord>();
  readonly offers = new Map<string, OfferRecord>();
  filters: FilterRecord[] = [];
  /** The tasks and executors of each agent, so an agent's usage does not scan every task. */
  private readonly tasksByAgent = new ByAgent<TaskRecord>();
  private readonly executorsByAgent = new ByAgent<ExecutorRecord>();
  /** What each agent's tasks and executors hold, summed on demand and dropped when one of them changes. */
  private readonly usedByAgent = new Map<string, Resources>();

  /** Forgets everything (a master that stops leading keeps nothing). */
  reset(): void {
    for (const offer of this.offers.values()) offer.timeout?.cancel();
    this.frameworks.clear();
    this.removedFrameworks.clear();
    this.agents.clear();
    this.tasks.clear();
    this.executors.clear();
    this.offers.clear();
    this.filters = [];
    this.tasksByAgent.clear();
    this.executorsByAgent.clear();
    this.usedByAgent.clear();
  }

  task(frameworkId: string, taskId: string): TaskRecord | undefined {
    return this.tasks.get(key(frameworkId, taskId));
  }

  putTask(task: TaskRecord): void {
    const k = key(task.frameworkId, task.taskId);
    const previous = this.tasks.get(k);
    this.tasksByAgent.put(k, task, previous);
    this.tasks.set(k, task);
    if (previous) this.changed(previous.agentId);
    this.changed(task.agentId);
  }

  deleteTask(frameworkId: string, taskId: string): void {
    const k = key(frameworkId, taskId);
    const task = this.tasks.get(k);
    if (!task) return;
    this.tasks.delete(k);
    this.tasksByAgent.delete(k, task);
    this.changed(task.agentId);
  }

  /** A task reached a terminal state: it holds nothing any more. */
  releaseTask(task: TaskRecord): void {
    task.resources = Resources.empty;
    this.usedByAgent.delete(task.agentId);
  }

  tasksOf(frameworkId: string): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.frameworkId === frameworkId);
  }

  tasksOn(agentId: string): TaskRecord[] {
    return this.tasksByAgent.on(agentId);
  }

  executor(frameworkId: string, agentId: string, executorId: string): ExecutorRecord | undefined {
    return this.executors.get(key(frameworkId, agentId, executorId));
  }

  putExecutor(executor: ExecutorRecord): void {
    const k = key(executor.frameworkId, executor.agentId, executor.executorId);
    this.executorsByAgent.put(k, executor, this.executors.get(k));
    this.executors.set(k, executor);
    this.changed(executor.agentId);
  }

  deleteExecutor(frameworkId: string, agentId: string, executorId: string): void {
    const k = key(frameworkId, agentId, executorId);
    const executor = this.executors.get(k);
    if (!executor) return;
    this.executors.delete(k);
    this.executorsByAgent.delete(k, executor);
    this.changed(executor.agentId);
  }

  offersOf(frameworkId: string): OfferRecord[] {
    return [...this.offers.values()].filter((o) => o.frameworkId === frameworkId);
  }

  /** What tasks and executors hold on an agent (terminal tasks hold nothing). */
  used(agentId: string): Resources {
    let used = this.usedByAgent.get(agentId);
    if (!used) {
      const held: Resources[] = [];
      for (const t of this.tasksByAgent.on(agentId)) held.push(t.resources);
      for (const e of this.executorsByAgent.on(agentId)) held.push(e.resources);
      used = Resources.sum(held);
      this.usedByAgent.set(agentId, used);
    }
    return used;
  }

  /** What is neither used nor offered on an agent. */
  available(agentId: string): Resources {
    const agent = this.agents.get(agentId);
    if (!agent) return Resources.empty;
    let free = agent.total.minus(this.used(agentId));
    for (const o of this.offers.values()) if (o.agentId === agentId) free = free.minus(o.resources);
    return free;
  }

  private changed(agentId: string): void {
    this.usedByAgent.delete(agentId);
  }
}

/** Records by agent, each agent's in the order their keys were first put. */
class ByAgent<T extends { readonly agentId: string }> {
  private readonly agents = new Map<string, Map<string, T>>();

  put(k: string, record: T, previous: T | undefined): void {
    if (previous && previous.agentId !== record.agentId) this.delete(k, previous);
    let records = this.agents.get(record.agentId);
    if (!records) {
      records = new Map();
      this.agents.set(record.agentId, records);
    }
    records.set(k, record);
  }

  delete(k: string, record: T): void {
    const records = this.agents.get(record.agentId);
    records?.delete(k);
    if (records?.size === 0) this.agents.delete(record.agentId);
  }

  on(agentId: string): T[] {
    return [...(this.agents.get(agentId)?.values() ?? [])];
  }

  clear(): void {
    this.agents.clear();
  }
}
