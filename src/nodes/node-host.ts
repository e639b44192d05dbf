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
  encodeActorEnvelope,
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
  /** Commands being executed now; created on first use (most nodes, most of the time, execute nothing). */
  private executingIds: Set<string> | undefined;
  private last: NodeSnapshot | undefined;
  private stateName: string | null = null;
  private currentMeta: unknown;
  /** Settles once the latest transition's envelope is durable (rejects if that write failed). */
  private durable: Promise<void> = Promise.resolve();

  constructor(
    readonly appId: string,
    readonly nodeId: string,
    meta: unknown,
    readonly actor: Actor<NodeMachine>,
    private readonly services: NodeHostServices,
  ) {
    this.key = nodeKey(appId, nodeId);
    this.currentMeta = meta;
  }

  /** What the runtime keeps beside the machine (JSON), as given when the node was added or by {@link updateMeta}. */
  get meta(): unknown {
    return this.currentMeta;
  }

  /**
   * Replaces the node's meta (e.g. the user's data); resolves once the
   * envelope holding it is durable, rejects when that write failed.
   */
  updateMeta(meta: unknown): Promise<void> {
    this.currentMeta = meta;
    return this.services.persister.put(`node:${this.nodeId}`, this.key, () => this.encode());
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
    void this.sendDurable(event);
  }

  /**
   * Sends an event like {@link send}, and resolves once the transition it
   * caused is durable (at once when it caused none). Rejects with a
   * NodePersistError when that write failed; ignoring the promise is safe,
   * the failure also reaches `onError`.
   */
  sendDurable(event: NodeEvent | (Omit<NodeEvent, 'at'> & { at?: number })): Promise<void> {
    const at = event.at ?? this.services.clock.now();
    const before = this.actor.getSnapshot();
    this.actor.send({ ...event, at } as NodeEvent);
    return this.actor.getSnapshot() === before ? Promise.resolve() : this.durable;
  }

  /** Stops the actor and its timers (on removal, fencing or shutdown). */
  stop(): void {
    this.services.timers.cancel(this.nodeId);
    this.actor.stop();
  }

  /** The envelope's bytes, from the latest snapshot. */
  encode(): Uint8Array {
    // Encodes straight from the live snapshot (same bytes as encoding getPersistedSnapshot(), without its deep copy).
    return Buffer.from(encodeActorEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, this.actor, this.meta));
  }

  private get executing(): Set<string> {
    return (this.executingIds ??= new Set());
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
    const commands = snapshot.context.outbox.filter((c) => !this.executingIds?.has(c.id));
    if (snapshot.status === 'done') {
      this.services.timers.cancel(this.nodeId);
      return this.track(this.services.persister.delete(`node:${this.nodeId}`, this.key), () => {
        this.execute(commands, false);
        this.services.onRemoved(this);
      });
    }
    this.services.timers.sync(this.nodeId, dueDeadlines(snapshot.context), (name) =>
      this.send({ type: 'timer', name: name as never }),
    );
    if (durable) {
      this.durable = Promise.resolve();
      this.execute(commands, true);
      return Promise.resolve();
    }
    return this.track(this.services.persister.put(`node:${this.nodeId}`, this.key, () => this.encode()), () => this.execute(commands, true));
  }

  /** Runs `then` once `write` is durable; keeps the outcome for {@link send}; reports a failure to `onError`. */
  private track(write: Promise<void>, then: () => void): Promise<void> {
    const outcome = write.then(then, (error: unknown) => {
      const failure = new NodePersistError(this, error);
      this.services.onError(failure);
      throw failure;
    });
    // Callers of send() may ignore the outcome; the failure has reached onError already.
    const handled = outcome.catch(() => undefined);
    this.durable = outcome;
    return handled;
  }

  private execute(commands: readonly NodeCommand[], confirm: boolean): void {
    for (const command of commands) {
      if (this.executingIds?.has(command.id) || !this.services.isActive()) continue;
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
