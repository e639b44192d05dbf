/**
 * One node as an independent root actor (never a child of its app: stopping a
 * parent with thousands of children is super-linear). After every transition
 * it persists the node's envelope, then hands the new commands to the
 * executor, then reports them done; and it keeps the node's deadlines armed.
 */
import type { Actor } from 'xstate';
import {
  currentTaskId,
  dueDeadlines,
  encodeEnvelope,
  toEnvelope,
  NODE_MACHINE_ID,
  NODE_MACHINE_VERSION,
  type NodeCommand,
  type NodeEvent,
  type NodeMachine,
} from '../../machines';
import { nodeKey, type RecordKey } from '../store';
import type { Clock } from '../util/clock';
import { executeCommand, type CommandExecutor, type CommandTarget } from './command-executor';
import { NodeCommandError, NodePersistError } from './node-errors';
import type { SnapshotPersister } from './snapshot-persister';
import type { TimerService } from './timer-service';

type NodeSnapshot = ReturnType<Actor<NodeMachine>['getSnapshot']>;

/** What a node host needs from its runtime. */
export interface NodeHostServices {
  readonly clock: Clock;
  readonly persister: SnapshotPersister;
  readonly timers: TimerService;
  readonly executor: CommandExecutor;
  /** The node's state name changed (`from` is null for a new or restored node). */
  onStateChange(host: NodeHost, from: string | null, to: string): void;
  /** The node reached `removed` and its record is deleted. */
  onRemoved(host: NodeHost): void;
  onError(error: Error): void;
  /** False once the runtime is fenced or stopped: nothing may be executed then. */
  isActive(): boolean;
}

export class NodeHost implements CommandTarget {
  readonly key: RecordKey;
  private readonly executing = new Set<string>();
  private last: NodeSnapshot | undefined;
  private stateName: string | null = null;

  constructor(
    readonly appId: string,
    readonly nodeId: string,
    readonly meta: unknown,
    readonly actor: Actor<NodeMachine>,
    private readonly services: NodeHostServices,
  ) {
    this.key = nodeKey(appId, nodeId);
  }

  /** The node's snapshot now. */
  get snapshot(): NodeSnapshot {
    return this.actor.getSnapshot();
  }

  /** The current task id, `<nodeId>.<incarnation>`. */
  get taskId(): string {
    return currentTaskId(this.snapshot.context);
  }

  /** The node's state name. */
  get state(): string {
    return this.snapshot.value as string;
  }

  /**
   * Starts the actor. A new node is persisted before anything runs; a
   * restored one is already durable, so its queued commands run at once.
   */
  start(restored: boolean): Promise<void> {
    this.actor.start();
    // subscribed after start, so the starting snapshot is handled once, below, knowing whether it is durable
    this.actor.subscribe({ next: (s) => void this.afterTransition(s), error: (e) => this.services.onError(e as Error) });
    return this.afterTransition(this.actor.getSnapshot(), restored);
  }

  /** Sends an event, stamping `at` from the clock when it has none. */
  send(event: NodeEvent | (Omit<NodeEvent, 'at'> & { at?: number })): void {
    const at = event.at ?? this.services.clock.now();
    this.actor.send({ ...event, at } as NodeEvent);
  }

  /** Stops the actor and its timers (on removal, fencing or shutdown). */
  stop(): void {
    this.services.timers.cancel(this.nodeId);
    this.actor.stop();
  }

  /** The envelope's bytes, from the latest snapshot. */
  encode(): Uint8Array {
    const envelope = toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, this.actor.getPersistedSnapshot(), this.meta);
    return Buffer.from(encodeEnvelope(envelope));
  }

  private afterTransition(snapshot: NodeSnapshot, durable = false): Promise<void> {
    if (snapshot === this.last) return Promise.resolve();
    this.last = snapshot;
    const to = snapshot.value as string;
    if (to !== this.stateName) {
      const from = this.stateName;
      this.stateName = to;
      this.services.onStateChange(this, from, to);
    }
    const commands = snapshot.context.outbox.filter((c) => !this.executing.has(c.id));
    if (snapshot.status === 'done') {
      this.services.timers.cancel(this.nodeId);
      return this.services.persister.delete(`node:${this.nodeId}`, this.key).then(
        () => {
          this.execute(commands, false);
          this.services.onRemoved(this);
        },
        (error: unknown) => this.services.onError(new NodePersistError(this, error)),
      );
    }
    this.services.timers.sync(this.nodeId, dueDeadlines(snapshot.context), (name) =>
      this.send({ type: 'timer', name: name as never }),
    );
    if (durable) {
      this.execute(commands, true);
      return Promise.resolve();
    }
    return this.services.persister.put(`node:${this.nodeId}`, this.key, () => this.encode()).then(
      () => this.execute(commands, true),
      (error: unknown) => this.services.onError(new NodePersistError(this, error)),
    );
  }

  private execute(commands: readonly NodeCommand[], confirm: boolean): void {
    for (const command of commands) {
      if (this.executing.has(command.id) || !this.services.isActive()) continue;
      if (confirm && !this.actor.getSnapshot().context.outbox.some((c) => c.id === command.id)) continue;
      this.executing.add(command.id);
      Promise.resolve()
        .then(() => executeCommand(this.services.executor, command, this))
        .then(
          () => {
            this.executing.delete(command.id);
            if (confirm && this.actor.getSnapshot().status === 'active') this.send({ type: 'command.done', id: command.id });
          },
          (error: unknown) => {
            this.executing.delete(command.id);
            this.services.onError(new NodeCommandError({ appId: this.appId, nodeId: this.nodeId, commandId: command.id, type: command.type }, error));
          },
        );
    }
  }
}
