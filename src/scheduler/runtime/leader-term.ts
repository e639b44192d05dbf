/**
 * One term of leadership: the fenced store, every app and node restored as
 * persisted actors, the Mesos subscription, offers, updates and
 * reconciliation. A term ends for good (suspended, deposed, stopped); the
 * next one starts from the store again.
 */
import { NodePersistError, NodeRuntime, type NodeHost } from '../../nodes';
import type { StateStore } from '../../store';
import { isFailure, isMessage, isOffers, isRescind, isUpdate, schedulerCalls, type SchedulerEvent } from '../../wire';
import { buildFrameworkInfo } from './framework-info';
import { FrameworkRecordKeeper, readFrameworkRecord } from './framework-record';
import { MesosConnection, type SubscriptionClient } from './mesos-connection';
import { NodeCommands } from './node-commands';
import { OfferBook } from './offer-book';
import { OfferRound } from './offer-round';
import { LaunchWatch } from './launch-watch';
import { Reconciler } from './reconciler';
import type { RuntimeChange } from './runtime-changes';
import type { MetricsRecorder } from './runtime-metrics';
import type { SchedulerRuntimeOptions } from './runtime-options';
import { StatusRouter } from './status-router';
import { TermApi } from './term-api';

export interface LeaderTermOptions {
  runtime: SchedulerRuntimeOptions;
  store: StateStore;
  client: SubscriptionClient;
  metrics: MetricsRecorder;
  /** Something changed (a node, an app, the subscription), for watchers such as the dashboard. */
  onChange: (change: RuntimeChange) => void;
  /** Mesos refused the FrameworkID for good. */
  onFrameworkRemoved: (frameworkId: string, message: string) => void;
}

/** Default wait for a launched task's first update before reconciling it. */
export const DEFAULT_LAUNCH_UPDATE_TIMEOUT_MS = 30_000;

export class LeaderTerm {
  readonly nodes: NodeRuntime;
  readonly offers = new OfferBook();
  readonly round: OfferRound;
  readonly reconciler: Reconciler;
  readonly launches: LaunchWatch;
  readonly api: TermApi;
  private readonly router: StatusRouter;
  private connection: MesosConnection | undefined;
  private record: FrameworkRecordKeeper | undefined;
  private subscribedId: string | undefined;
  private stopped = false;

  constructor(private readonly options: LeaderTermOptions) {
    const { runtime, client, metrics } = options;
    const logger = runtime.logger;
    const frameworkId = () => this.subscribedId;
    this.reconciler = new Reconciler({
      clock: runtime.clock,
      logger,
      ...runtime.reconciliation,
      send: async (request) => {
        const id = this.subscribedId;
        if (id === undefined) return;
        metrics.count('reconcileCalls');
        await client.send(schedulerCalls.reconcile(id, request.tasks));
      },
    });
    const commands = new NodeCommands({
      client,
      offers: this.offers,
      metrics,
      logger,
      frameworkId,
      taskOptions: { killGracePeriodSeconds: runtime.killGracePeriodSeconds, extraUris: runtime.extraUris ?? undefined },
      agentOf: (nodeId) => this.nodes.nodes.get(nodeId)?.snapshot.context.agentId ?? undefined,
      onOfferReady: (offerId) => this.round.flush(offerId),
    });
    this.nodes = new NodeRuntime({
      store: options.store,
      executor: commands,
      clock: runtime.clock,
      logger,
      nodeMachine: runtime.nodeMachine,
      onError: (error) => {
        const nodeId = error instanceof NodePersistError ? (error.details.nodeId as string | undefined) : undefined;
        if (nodeId) this.round.nodeFailed(nodeId);
      },
      onStateChange: (host, from, to) => this.nodeChanged(host, from, to),
      onRemoved: (host) => this.nodeRemoved(host),
    });
    this.launches = new LaunchWatch({
      clock: runtime.clock,
      logger,
      timeoutMs: runtime.reconciliation?.launchUpdateTimeoutMs ?? DEFAULT_LAUNCH_UPDATE_TIMEOUT_MS,
      reconcile: (tasks) => this.reconciler.add(tasks),
    });
    this.round = new OfferRound({
      client,
      nodes: this.nodes,
      offers: this.offers,
      reconciler: this.reconciler,
      metrics,
      logger,
      roles: runtime.frameworkInfo.roles,
      policy: runtime.offerPolicy,
      frameworkId,
      onAccepted: (tasks) => this.launches.launched(tasks),
      onUnplaced: (nodeId) => {
        const host = this.nodes.nodes.get(nodeId);
        if (host) this.options.onChange({ type: 'node', appId: host.appId, nodeId, from: host.state, to: host.state, at: runtime.clock.now() });
      },
    });
    this.router = new StatusRouter({ client, nodes: this.nodes, reconciler: this.reconciler, metrics, logger, frameworkId, onUpdate: (taskId) => this.launches.updated(taskId) });
    this.api = new TermApi(this, runtime);
  }

  get subscribed(): boolean {
    return this.subscribedId !== undefined;
  }

  get frameworkId(): string | undefined {
    return this.subscribedId ?? this.record?.current.frameworkId ?? undefined;
  }

  get frameworkRecord(): FrameworkRecordKeeper {
    if (!this.record) throw new Error('the term has not started');
    return this.record;
  }

  /** Restores every app and node, then subscribes. */
  async start(): Promise<void> {
    const { runtime, store } = this.options;
    const stored = await readFrameworkRecord(store);
    this.record = new FrameworkRecordKeeper(store, stored ?? { frameworkId: null, name: runtime.frameworkInfo.name, updatedAt: 0, apps: {} }, () => runtime.clock.now());
    const report = await this.nodes.restore();
    if (this.stopped) return;
    for (const appId of this.nodes.apps.keys()) this.options.onChange({ type: 'app', appId, at: runtime.clock.now() });
    runtime.logger.info({ apps: report.apps, nodes: report.nodes, failures: report.failures.length, live: report.reconcile.length }, 'restored apps and nodes');
    await runtime.hooks?.onLeading?.(this.api);
    if (this.stopped) return;
    this.subscribe(this.record.current.frameworkId);
  }

  /** Subscribes (again) with `frameworkId`, or as a new framework for null. */
  subscribe(frameworkId: string | null): void {
    const { runtime, client } = this.options;
    this.connection?.stop();
    this.connection = new MesosConnection({
      client,
      frameworkInfo: buildFrameworkInfo(runtime.frameworkInfo),
      frameworkId,
      clock: runtime.clock,
      logger: runtime.logger,
      resubscribeInitialMs: runtime.resubscribe?.initialMs,
      resubscribeMaxMs: runtime.resubscribe?.maxMs,
      persistFrameworkId: (id) => (this.record?.current.frameworkId === id ? Promise.resolve() : this.frameworkRecord.update((r) => void (r.frameworkId = id))),
      onSubscribed: (info) => this.onSubscribed(info.frameworkId),
      onEvent: (event) => this.onEvent(event),
      onDisconnected: () => this.onDisconnected(),
      onFrameworkRemoved: (id, message) => {
        this.onDisconnected();
        this.options.onFrameworkRemoved(id, message);
      },
    });
    this.connection.start();
  }

  /** Drops the stream; the framework machine re-subscribes after its backoff. */
  reconnect(note: string): void {
    this.connection?.reconnect(note);
  }

  /** Tears the framework down in Mesos (kills every task). */
  async teardown(): Promise<void> {
    const id = this.subscribedId;
    if (id === undefined) return;
    await this.options.client.send(schedulerCalls.teardown(id));
    await this.frameworkRecord.update((r) => void (r.frameworkId = null));
  }

  /** Ends the term: no more calls, writes or timers. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.subscribedId = undefined;
    this.connection?.stop();
    this.reconciler.stop();
    this.launches.stop();
    this.offers.clear();
    this.nodes.stop();
  }

  /** The framework machine's state, e.g. `leading.subscribed`. */
  get connectionState(): string {
    return stateText(this.connection?.state) ?? 'leading.subscribing';
  }

  /** An app was created or initialized. */
  appChanged(appId: string): void {
    this.options.onChange({ type: 'app', appId, at: this.options.runtime.clock.now() });
  }

  private nodeChanged(host: NodeHost, from: string | null, to: string): void {
    if (from !== null) this.options.metrics.count('transitions');
    this.round.nodeState(host.nodeId, to === 'removed' ? undefined : to);
    this.options.onChange({ type: 'node', appId: host.appId, nodeId: host.nodeId, from, to, at: this.options.runtime.clock.now() });
  }

  private nodeRemoved(host: NodeHost): void {
    this.options.onChange({ type: 'node.removed', appId: host.appId, nodeId: host.nodeId, at: this.options.runtime.clock.now() });
    Promise.resolve(this.options.runtime.hooks?.onNodeRemoved?.(host.appId, host.nodeId)).catch((err: unknown) =>
      this.options.runtime.logger.error({ err, nodeId: host.nodeId }, 'the node-removed hook threw'),
    );
  }

  private onSubscribed(frameworkId: string): void {
    const { runtime } = this.options;
    this.subscribedId = frameworkId;
    runtime.logger.info({ frameworkId }, 'subscribed');
    this.round.resubscribed();
    const live = [...this.nodes.nodes.values()]
      .filter((h) => h.snapshot.hasTag('live') && h.snapshot.context.launched)
      .map((h) => ({ taskId: h.taskId, ...(h.snapshot.context.agentId ? { agentId: h.snapshot.context.agentId } : {}) }));
    this.reconciler.start(live);
    this.options.onChange({ type: 'framework', at: runtime.clock.now() });
    Promise.resolve(runtime.hooks?.onConnected?.(frameworkId)).catch((err: unknown) => runtime.logger.error({ err }, 'the connected callback threw'));
  }

  private onDisconnected(): void {
    if (this.subscribedId === undefined) return;
    this.subscribedId = undefined;
    this.offers.clear();
    this.reconciler.stop();
    this.launches.stop();
    this.options.onChange({ type: 'framework', at: this.options.runtime.clock.now() });
    this.options.runtime.hooks?.onDisconnected?.();
  }

  private onEvent(event: SchedulerEvent): void {
    if (this.stopped) return;
    if (isOffers(event)) this.round.offered(event.offers.offers ?? []);
    else if (isRescind(event)) this.offers.remove(event.rescind.offer_id?.value ?? '');
    else if (isUpdate(event)) this.router.update(event.update.status ?? {});
    else if (isMessage(event)) this.router.message(event.message.data);
    else if (isFailure(event)) this.options.runtime.logger.warn({ agentId: event.failure.agent_id?.value, executorId: event.failure.executor_id?.value }, 'FAILURE');
  }
}

/** `{ leading: 'subscribed' }` → `leading.subscribed`. */
function stateText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const [key, inner] = Object.entries(value)[0] ?? [];
  if (key === undefined) return undefined;
  const rest = stateText(inner);
  return rest === undefined ? key : `${key}.${rest}`;
}
