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
import { Reconciler } from './reconciler';
import type { MetricsRecorder } from './runtime-metrics';
import type { SchedulerRuntimeOptions } from './runtime-options';
import { StatusRouter } from './status-router';
import { TermApi } from './term-api';

export interface LeaderTermOptions {
  runtime: SchedulerRuntimeOptions;
  store: StateStore;
  client: SubscriptionClient;
  metrics: MetricsRecorder;
  /** A node changed state (for watchers such as the dashboard). */
  onNodeChange: (host: NodeHost, from: string | null, to: string) => void;
  /** Mesos refused the FrameworkID for good. */
  onFrameworkRemoved: (frameworkId: string, message: string) => void;
}

export class LeaderTerm {
  readonly nodes: NodeRuntime;
  readonly offers = new OfferBook();
  readonly round: OfferRound;
  readonly reconciler: Reconciler;
  readonly api: TermApi;
  private readonly router: StatusRouter;
  private connection: MesosConnection | undefined;
  private record: FrameworkRecordKeeper | undefined;
  private subscribedId: string | undefined;
  private readonly states = new Map<string, string>();
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
    });
    this.round = new OfferRound({ client, nodes: this.nodes, offers: this.offers, reconciler: this.reconciler, metrics, logger, roles: runtime.frameworkInfo.roles, policy: runtime.offerPolicy, frameworkId });
    this.router = new StatusRouter({ client, nodes: this.nodes, reconciler: this.reconciler, metrics, logger, frameworkId });
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
    for (const host of this.nodes.nodes.values()) this.watch(host);
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
    this.offers.clear();
    this.nodes.stop();
  }

  /** Follows a node's state changes (new, restored, and every transition). */
  watch(host: NodeHost): void {
    const seen = (snapshot: NodeHost['snapshot']) => {
      const to = snapshot.status === 'done' ? 'removed' : (snapshot.value as string);
      const from = this.states.get(host.nodeId) ?? null;
      if (from === to) return;
      if (to === 'removed') this.states.delete(host.nodeId);
      else this.states.set(host.nodeId, to);
      if (from !== null) this.options.metrics.count('transitions');
      this.round.nodeState(host.nodeId, to === 'removed' ? undefined : to);
      this.options.onNodeChange(host, from, to);
    };
    host.actor.subscribe({ next: seen, error: () => undefined });
    seen(host.snapshot);
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
    Promise.resolve(runtime.hooks?.onConnected?.(frameworkId)).catch((err: unknown) => runtime.logger.error({ err }, 'the connected callback threw'));
  }

  private onDisconnected(): void {
    if (this.subscribedId === undefined) return;
    this.subscribedId = undefined;
    this.offers.clear();
    this.reconciler.stop();
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
