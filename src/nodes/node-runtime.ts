/**
 * Hosts every app and node of the framework as persisted machine actors:
 * creates them, routes events to them by node id or task id in O(1), and
 * restores them all from the state store after a failover.
 */
import { createActor } from 'xstate';
import {
  appMachine as defaultAppMachine,
  nodeMachine as defaultNodeMachine,
  nextNodeId,
  parseTaskId,
  type AppMachine,
  type NodeEvent,
  type NodeMachine,
  type NodeOptions,
  type TaskStatusEvent,
} from '../../machines';
import type { StateStore } from '../store';
import { StoreFencedError } from '../store';
import type { Clock } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { AppHost } from './app-host';
import type { CommandExecutor } from './command-executor';
import { NodeIdConflictError, NodeNotFoundError } from './node-errors';
import { NodeHost, type NodeHostServices } from './node-host';
import { restoreAll, type RestoreReport } from './restore-all';
import { SnapshotPersister } from './snapshot-persister';
import { TimerService } from './timer-service';

export interface NodeRuntimeOptions {
  readonly store: StateStore;
  readonly executor: CommandExecutor;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** The node machine to run, e.g. `nodeMachine.provide({ actions: { onRunning } })`. */
  readonly nodeMachine?: NodeMachine;
  readonly appMachine?: AppMachine;
  /** Called for every error that is not thrown to a caller (persist, command, restore). */
  readonly onError?: (error: Error) => void;
  /**
   * A node's state name changed: `from` is null when it was added or
   * restored. Called right after the transition, before it is durable (use
   * the promise of `send` to wait for that). O(1) per transition.
   */
  readonly onStateChange?: (host: NodeHost, from: string | null, to: string) => void;
  /** A node reached `removed` and its record is deleted; it is no longer hosted. */
  readonly onRemoved?: (host: NodeHost) => void;
}

/** What to give a new app. */
export interface CreateAppOptions {
  /** How many nodes the app wants (informational). */
  readonly desiredNodes?: number;
  /** Kept beside the app's machine in its envelope (JSON), e.g. the app's name and class. */
  readonly meta?: unknown;
}

/** What to give a new node. */
export interface AddNodeOptions {
  /** Default: `<appId>-<n>` from the app's counter. */
  readonly nodeId?: string;
  readonly options?: Partial<NodeOptions>;
  /** Kept beside the machine in the envelope (JSON), handed to the executor. */
  readonly meta?: unknown;
}

export class NodeRuntime {
  readonly apps = new Map<string, AppHost>();
  readonly nodes = new Map<string, NodeHost>();
  readonly timers: TimerService;
  readonly persister: SnapshotPersister;
  readonly nodeMachine: NodeMachine;
  readonly appMachine: AppMachine;
  private readonly services: NodeHostServices;
  private active = true;

  constructor(readonly options: NodeRuntimeOptions) {
    this.timers = new TimerService(options.clock);
    this.persister = new SnapshotPersister(options.store);
    this.nodeMachine = options.nodeMachine ?? defaultNodeMachine;
    this.appMachine = options.appMachine ?? defaultAppMachine;
    const logger = options.logger ?? silentLogger;
    this.services = {
      clock: options.clock,
      persister: this.persister,
      timers: this.timers,
      executor: options.executor,
      isActive: () => this.active,
      onStateChange: (host, from, to) => {
        const app = this.apps.get(host.appId);
        if (from !== null && app) app.send({ type: 'node.changed', nodeId: host.nodeId, from, to });
        options.onStateChange?.(host, from, to);
      },
      onRemoved: (host) => {
        this.nodes.delete(host.nodeId);
        const app = this.apps.get(host.appId);
        app?.nodes.delete(host.nodeId);
        app?.send({ type: 'node.removed', nodeId: host.nodeId, state: 'removed' });
        options.onRemoved?.(host);
      },
      onError: (error) => {
        if (error.cause instanceof StoreFencedError) this.stop();
        logger.error({ err: error }, error.message);
        options.onError?.(error);
      },
    };
  }

  /** False once stopped or fenced: no more commands run. */
  get isActive(): boolean {
    return this.active;
  }

  /**
   * Creates an app; resolves once its record is durable. The second argument
   * is the desired node count (the older form) or {@link CreateAppOptions}.
   */
  async createApp(appId: string, create?: number | CreateAppOptions): Promise<AppHost> {
    if (this.apps.has(appId)) throw new NodeIdConflictError('app', appId);
    const { desiredNodes, meta } = typeof create === 'number' ? { desiredNodes: create, meta: undefined } : (create ?? {});
    const actor = createActor(this.appMachine, { input: { appId, at: this.options.clock.now(), desiredNodes } });
    const app = new AppHost(appId, actor, this.options.clock, this.persister, this.services.onError, meta ?? null);
    this.apps.set(appId, app);
    await app.start(false);
    return app;
  }

  /** Adds a node to an app; resolves once its first envelope is durable. */
  addNode(appId: string, add: AddNodeOptions = {}): Promise<NodeHost> {
    const app = this.app(appId);
    const nodeId = add.nodeId ?? nextNodeId(app.snapshot.context);
    if (this.nodes.has(nodeId)) throw new NodeIdConflictError('node', nodeId);
    const input = { appId, nodeId, at: this.options.clock.now(), options: add.options };
    const host = new NodeHost(appId, nodeId, add.meta ?? null, createActor(this.nodeMachine, { input }), this.services);
    this.register(app, host);
    app.send({ type: 'node.added', nodeId, state: 'pending' });
    return host.start(false).then(() => host);
  }

  /** The hosted app, or throws CATAPULT_NODE_NOT_FOUND. */
  app(appId: string): AppHost {
    const app = this.apps.get(appId);
    if (!app) throw new NodeNotFoundError('app', appId);
    return app;
  }

  /** The hosted node, or throws CATAPULT_NODE_NOT_FOUND. */
  node(nodeId: string): NodeHost {
    const node = this.nodes.get(nodeId);
    if (!node) throw new NodeNotFoundError('node', nodeId);
    return node;
  }

  /** Sends an event to a node (`at` defaults to now). */
  send(nodeId: string, event: Omit<NodeEvent, 'at'> & { at?: number }): void {
    this.node(nodeId).send(event);
  }

  /** Sends an event to a node; resolves once the transition it caused is durable. See {@link NodeHost.sendDurable}. */
  sendDurable(nodeId: string, event: Omit<NodeEvent, 'at'> & { at?: number }): Promise<void> {
    return this.node(nodeId).sendDurable(event);
  }

  /**
   * Routes a Mesos status to the node owning its task id (any incarnation:
   * the node machine sends older ones to history). Returns false for a task
   * no hosted node owns; the caller decides (acknowledge, kill).
   */
  routeStatus(status: Omit<TaskStatusEvent, 'type' | 'at'> & { at?: number }): boolean {
    const owner = parseTaskId(status.taskId);
    const host = owner && this.nodes.get(owner.nodeId);
    if (!host) return false;
    host.send({ ...status, type: 'task.status' });
    return true;
  }

  /** Routes an executor message by task id; false when no node owns it. */
  routeExecutorMessage(taskId: string, data: string): boolean {
    const owner = parseTaskId(taskId);
    const host = owner && this.nodes.get(owner.nodeId);
    if (!host || host.taskId !== taskId) return false;
    host.send({ type: 'executor.message', data });
    return true;
  }

  /** Rebuilds every app and node from the store. See {@link restoreAll}. */
  restore(): Promise<RestoreReport> {
    return restoreAll(this, this.options.store, this.services);
  }

  /** Resolves once every scheduled write is durable. */
  settled(): Promise<void> {
    return this.persister.settled();
  }

  /** Stops every actor and timer; nothing runs afterwards. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.timers.cancelAll();
    for (const node of this.nodes.values()) node.actor.stop();
    for (const app of this.apps.values()) app.stop();
  }

  /** @internal */
  register(app: AppHost, host: NodeHost): void {
    this.nodes.set(host.nodeId, host);
    app.nodes.set(host.nodeId, host);
  }
}
