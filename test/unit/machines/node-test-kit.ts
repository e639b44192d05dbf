/** Builders for node machine tests: events as ticks, an actor on a manual time line. */
import { createActor, type AnyStateMachine, type Actor } from 'xstate';
import { nodeMachine, currentTaskId, type NodeEvent, type NodeInput, type TaskStateName } from '../../../machines';

export const T0 = 1_700_000_000_000;

/** A node actor plus a clock-like `now` the helpers stamp on every event. */
export class NodeDriver {
  now = T0;
  private uuidSeq = 0;
  readonly actor: Actor<typeof nodeMachine>;

  constructor(input: Partial<NodeInput> = {}, machine: AnyStateMachine = nodeMachine) {
    this.actor = createActor(machine as typeof nodeMachine, { input: { appId: 'web', nodeId: 'web-0', at: this.now, ...input } });
    this.actor.start();
  }

  get snapshot() {
    return this.actor.getSnapshot();
  }
  get context() {
    return this.snapshot.context;
  }
  get value(): string {
    return this.snapshot.value as string;
  }
  get taskId(): string {
    return currentTaskId(this.context);
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }
  send(event: Record<string, unknown> & { type: string }): this {
    this.actor.send({ at: this.now, ...event } as NodeEvent);
    return this;
  }
  offer(agentId = 'agent-1'): this {
    return this.send({ type: 'offer.matched', agentId, hostname: `${agentId}.example`, offerId: `offer-${this.now}` });
  }
  status(state: TaskStateName, extra: Record<string, unknown> = {}): this {
    return this.send({ type: 'task.status', taskId: this.taskId, state, agentId: this.context.agentId ?? 'agent-1', uuid: `dXVpZC0${++this.uuidSeq}`, ...extra });
  }
  /** Fires every deadline that is due at `now`. */
  fireDue(): this {
    for (const [name, at] of Object.entries(this.context.deadlines)) {
      if (at !== undefined && at <= this.now) this.send({ type: 'timer', name });
    }
    return this;
  }
  /** Moves time to the given deadline and fires it. */
  fire(name: string): this {
    const at = (this.context.deadlines as Record<string, number | undefined>)[name];
    if (at === undefined) throw new Error(`no ${name} deadline in ${this.value}`);
    this.now = Math.max(this.now, at);
    return this.send({ type: 'timer', name });
  }
  /** Launches and runs the current incarnation. */
  run(): this {
    return this.offer().status('TASK_STAGING').status('TASK_STARTING').status('TASK_RUNNING');
  }
  commands(type?: string) {
    return this.context.outbox.filter((c) => type === undefined || c.type === type);
  }
  /** Marks every queued command done. */
  drain(): this {
    for (const c of [...this.context.outbox]) this.send({ type: 'command.done', id: c.id });
    return this;
  }
}
