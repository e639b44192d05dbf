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
  }

  task(frameworkId: string, taskId: string): TaskRecord | undefined {
    return this.tasks.get(key(frameworkId, taskId));
  }

  putTask(task: TaskRecord): void {
    this.tasks.set(key(task.frameworkId, task.taskId), task);
  }

  deleteTask(frameworkId: string, taskId: string): void {
    this.tasks.delete(key(frameworkId, taskId));
  }

  tasksOf(frameworkId: string): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.frameworkId === frameworkId);
  }

  tasksOn(agentId: string): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.agentId === agentId);
  }

  executor(frameworkId: string, agentId: string, executorId: string): ExecutorRecord | undefined {
    return this.executors.get(key(frameworkId, agentId, executorId));
  }

  putExecutor(executor: ExecutorRecord): void {
    this.executors.set(key(executor.frameworkId, executor.agentId, executor.executorId), executor);
  }

  deleteExecutor(frameworkId: string, agentId: string, executorId: string): void {
    this.executors.delete(key(frameworkId, agentId, executorId));
  }

  offersOf(frameworkId: string): OfferRecord[] {
    return [...this.offers.values()].filter((o) => o.frameworkId === frameworkId);
  }

  /** What tasks and executors hold on an agent (terminal tasks hold nothing). */
  used(agentId: string): Resources {
    const held: Resources[] = [];
    for (const t of this.tasks.values()) if (t.agentId === agentId) held.push(t.resources);
    for (const e of this.executors.values()) if (e.agentId === agentId) held.push(e.resources);
    return Resources.sum(held);
  }

  /** What is neither used nor offered on an agent. */
  available(agentId: string): Resources {
    const agent = this.agents.get(agentId);
    if (!agent) return Resources.empty;
    let free = agent.total.minus(this.used(agentId));
    for (const o of this.offers.values()) if (o.agentId === agentId) free = free.minus(o.resources);
    return free;
  }
}
