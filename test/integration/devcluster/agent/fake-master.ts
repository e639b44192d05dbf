/**
 * A MasterPort double for the agent tests: records what the agent reports,
 * acknowledges updates (automatically unless told not to), and lets a test
 * wait for a given update without sleeping.
 */
import { mesos } from '../../../../src/wire';
import type { AgentPort, AgentRegistration, MasterPort } from '../../../../src/devcluster/agent-link';

export interface RecordedUpdate {
  frameworkId: string;
  status: mesos.v1.ITaskStatus;
}

type Waiter = { match: (u: RecordedUpdate) => boolean; resolve: (u: RecordedUpdate) => void };

export class FakeMaster implements MasterPort {
  readonly updates: RecordedUpdate[] = [];
  readonly registrations: AgentRegistration[] = [];
  readonly messages: Array<{ frameworkId: string; executorId: string; data: string }> = [];
  readonly exits: Array<{ frameworkId: string; executorId: string; waitStatus: number }> = [];
  readonly disconnects: string[] = [];
  agent: AgentPort | undefined;
  autoAck = true;
  private waiters: Waiter[] = [];
  private messageWaiters: Array<{ match: (data: string) => boolean; resolve: (data: string) => void }> = [];
  private exitWaiters: Array<(exit: { waitStatus: number }) => void> = [];

  registerAgent(agent: AgentPort, registration: AgentRegistration): void {
    this.agent = agent;
    this.registrations.push(registration);
  }

  statusUpdate(frameworkId: string, status: mesos.v1.ITaskStatus): void {
    const update = { frameworkId, status };
    this.updates.push(update);
    this.waiters = this.waiters.filter((w) => (w.match(update) ? (w.resolve(update), false) : true));
    if (this.autoAck && status.uuid) {
      const agent = this.agent;
      const uuid = status.uuid;
      queueMicrotask(() => agent?.acknowledge(frameworkId, status.task_id.value, uuid));
    }
  }

  executorMessage(frameworkId: string, executorId: string, _agentId: string, data: Uint8Array): void {
    const text = Buffer.from(data).toString('utf8');
    this.messages.push({ frameworkId, executorId, data: text });
    this.messageWaiters = this.messageWaiters.filter((w) => (w.match(text) ? (w.resolve(text), false) : true));
  }

  executorExited(frameworkId: string, executorId: string, _agentId: string, waitStatus: number): void {
    this.exits.push({ frameworkId, executorId, waitStatus });
    for (const w of this.exitWaiters.splice(0)) w({ waitStatus });
  }

  agentDisconnected(agentId: string): void {
    this.disconnects.push(agentId);
  }

  /** The states reported for a task, in order. */
  states(taskId: string): string[] {
    return this.updates.filter((u) => u.status.task_id.value === taskId).map((u) => mesos.v1.TaskState[u.status.state]);
  }

  /** Resolves with the first update (already seen or future) of `taskId` in `state`. */
  waitFor(taskId: string, state: mesos.v1.TaskState): Promise<RecordedUpdate> {
    const match = (u: RecordedUpdate) => u.status.task_id.value === taskId && u.status.state === state;
    const seen = this.updates.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Resolves once `count` updates matching `predicate` have arrived. */
  waitForCount(predicate: (u: RecordedUpdate) => boolean, count: number): Promise<void> {
    let seen = this.updates.filter(predicate).length;
    if (seen >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ match: (u) => predicate(u) && ++seen >= count, resolve: () => resolve() }));
  }

  waitForMessage(match: (data: string) => boolean): Promise<string> {
    const seen = this.messages.find((m) => match(m.data));
    if (seen) return Promise.resolve(seen.data);
    return new Promise((resolve) => this.messageWaiters.push({ match, resolve }));
  }

  waitForExit(): Promise<{ waitStatus: number }> {
    const seen = this.exits[0];
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }
}

export function framework(id: string, extra: Partial<mesos.v1.IFrameworkInfo> = {}): mesos.v1.IFrameworkInfo {
  return { id: { value: id }, name: 'test', user: 'test', ...extra };
}

export function commandTask(taskId: string, command: mesos.v1.ICommandInfo, extra: Partial<mesos.v1.ITaskInfo> = {}): mesos.v1.ITaskInfo {
  return {
    name: taskId,
    task_id: { value: taskId },
    agent_id: { value: 'A-S0' },
    resources: [{ name: 'cpus', type: mesos.v1.Value.Type.SCALAR, scalar: { value: 0.1 } }],
    command,
    ...extra,
  };
}
