/**
 * The scheduler runtime: joins the leader election; on each term opens the
 * store fenced by the term's epoch, restores every app and node actor and
 * subscribes to Mesos (see {@link LeaderTerm}); on suspension or deposition
 * stops acting at once and waits for the next term.
 */
import type { NodeOperatorCommand } from '../../../machines';
import { LeaderElection, openZookeeperStore, ZkClient, type ElectionClient, type LeadershipTerm, type StateStore } from '../../store';
import { createMasterDetector, isZkUrl, SchedulerClient, type MasterDetector } from '../../transport';
import { LeaderTerm } from './leader-term';
import type { AppMeta, HostedApp, HostedNode, NodeMeta } from './node-host-port';
import type { RuntimeApi } from './runtime-api';
import { FrameworkRemovedError, NotLeaderError } from './runtime-errors';
import { MetricsRecorder, type RuntimeMetrics } from './runtime-metrics';
import type { ElectionSource, SchedulerRuntimeOptions } from './runtime-options';
import { Listeners } from '../../transport/listeners';
import type { RuntimeChange, RuntimeChangeListener } from './runtime-changes';
import { runtimeState, type RuntimeState } from './runtime-state';
import { timedStore } from './timed-store';

/** A node's state changed (for the dashboard). */
export type NodeChangeListener = (change: { appId: string; nodeId: string; from: string | null; to: string; at: number }) => void;

/** Whether this scheduler leads, stands by, or has stopped. */
export type SchedulerRole = 'leader' | 'standby' | 'stopped';

export class SchedulerRuntime implements RuntimeApi {
  /** Settles when the runtime stops: resolves on `stop()`, rejects when it cannot go on. */
  readonly done: Promise<void>;
  readonly metrics = new MetricsRecorder();
  private resolveDone!: () => void;
  private rejectDone!: (error: Error) => void;
  private readonly changes: Listeners<[RuntimeChange]>;
  private election: ElectionSource | undefined;
  private detector: MasterDetector | undefined;
  private readonly client: NonNullable<SchedulerRuntimeOptions['client']>;
  private term: LeaderTerm | undefined;
  private store: StateStore | undefined;
  /** The previous term's store, until its last writes are durable: the next term reads only after. */
  private closing: Promise<void> = Promise.resolve();
  private generation = 0;
  private stopped = false;

  constructor(readonly options: SchedulerRuntimeOptions) {
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
    this.changes = new Listeners((err) => options.logger.error({ err }, 'a runtime change listener threw'));
    const zk = isZkUrl(options.masters);
    this.client =
      options.client ??
      new SchedulerClient({
        masters: zk ? [] : options.masters.split(',').map((m) => m.trim()),
        requestEncoding: options.encoding ?? 'json',
        eventEncoding: options.encoding ?? 'json',
        clock: options.clock,
        logger: options.logger,
      });
    if (zk) this.detector = createMasterDetector(options.masters, { clock: options.clock, logger: options.logger });
  }

  get leading(): boolean {
    return this.term !== undefined;
  }

  get subscribed(): boolean {
    return this.term?.subscribed ?? false;
  }

  get frameworkId(): string | undefined {
    return this.term?.frameworkId;
  }

  /** The current term, while leading. */
  get currentTerm(): LeaderTerm | undefined {
    return this.term;
  }

  /** The counters so far. */
  metricsSnapshot(): RuntimeMetrics {
    return this.metrics.snapshot();
  }

  /** `leader` while leading (subscribed or not), `standby` while waiting in the election, `stopped` after stop. */
  get role(): SchedulerRole {
    if (this.stopped) return 'stopped';
    return this.term ? 'leader' : 'standby';
  }

  /** The framework machine's state as text: `standby`, `leading.subscribing`, `leading.subscribed`, `leading.disconnected` or `stopped`. */
  get frameworkState(): string {
    if (this.stopped) return 'stopped';
    return this.term?.connectionState ?? 'standby';
  }

  /** The master the next SUBSCRIBE goes to (or the current stream's), when known. */
  get masterUrl(): string | undefined {
    return (this.client as { masterUrl?: string }).masterUrl;
  }

  /** Follows node state changes; returns the function that stops following. */
  onNodeChange(listener: NodeChangeListener): () => void {
    return this.changes.on((change) => {
      if (change.type === 'node' && change.from !== change.to) listener({ appId: change.appId, nodeId: change.nodeId, from: change.from, to: change.to, at: change.at });
    });
  }

  /**
   * Follows every change: nodes, apps, leadership and the subscription.
   * Survives leadership terms (the runtime object stays, terms come and go).
   * Returns the function that stops following.
   */
  onChange(listener: RuntimeChangeListener): () => void {
    return this.changes.on(listener);
  }

  /** The runtime's state as JSON (what `/api/state` serves); apps are empty unless leading. */
  state(): RuntimeState {
    return runtimeState(this);
  }

  /** Joins the election; everything else follows from winning it. */
  start(): void {
    const { options } = this;
    if (this.detector) {
      this.detector.onLeader((url) => {
        this.client.useMaster?.(url);
        this.term?.reconnect('a new leading master was detected');
      });
      this.detector.start().catch((err: unknown) => options.logger.error({ err }, 'master detection failed to start'));
    }
    const zk = options.zooKeeper;
    this.election =
      options.election ??
      (new LeaderElection<ElectionClient>({
        connect: zk.connect ?? (() => ZkClient.connect(zk.connectString, { sessionTimeoutMs: zk.sessionTimeoutMs ?? 10_000, auth: zk.auth && { scheme: 'digest', ...zk.auth }, clock: options.clock, logger: options.logger })),
        rootPath: zk.rootPath,
        clock: options.clock,
        logger: options.logger,
      }) as ElectionSource);
    this.election.on('elected', (term) => void this.begin(term));
    this.election.on('resumed', (term) => void this.begin(term));
    this.election.on('suspended', () => this.end('leadership suspended'));
    this.election.on('deposed', (reason) => this.end(`deposed: ${reason}`));
    this.election.start();
    this.changes.emit({ type: 'framework', at: options.clock.now() });
  }

  /** Stops: steps down, leaves the election, closes connections. `teardown` first removes the framework from Mesos. */
  async stop(options: { teardown?: boolean } = {}): Promise<void> {
    if (this.stopped) return this.done;
    if (options.teardown) await this.term?.teardown().catch((err: unknown) => this.options.logger.warn({ err }, 'TEARDOWN failed'));
    await this.shutdown();
    this.resolveDone();
  }

  apps(): HostedApp[] {
    return this.term?.api.apps() ?? [];
  }

  app(appId: string): HostedApp | undefined {
    return this.term?.api.app(appId);
  }

  node(nodeId: string): HostedNode | undefined {
    return this.term?.api.node(nodeId);
  }

  createApp(appId: string, meta: AppMeta): Promise<HostedApp> {
    return this.api('createApp').createApp(appId, meta);
  }

  initializeApp(appId: string): Promise<boolean> {
    return this.api('initializeApp').initializeApp(appId);
  }

  addNode(appId: string, meta: NodeMeta): Promise<HostedNode> {
    return this.api('addNode').addNode(appId, meta);
  }

  command(nodeId: string, command: NodeOperatorCommand): Promise<void> {
    return this.api('command').command(nodeId, command);
  }

  sendMessage(nodeId: string, dataBase64: string): Promise<void> {
    return this.api('sendMessage').sendMessage(nodeId, dataBase64);
  }

  storeNodeData(nodeId: string, userDataBase64: string | undefined): Promise<void> {
    return this.api('storeNodeData').storeNodeData(nodeId, userDataBase64);
  }

  private api(operation: string): RuntimeApi {
    if (!this.term) return rejecting(new NotLeaderError(operation));
    return this.term.api;
  }

  private async begin(won: LeadershipTerm<ElectionClient>): Promise<void> {
    this.end('a new term begins');
    const generation = ++this.generation;
    const { options } = this;
    try {
      // A resumed term keeps the epoch, so the last term's in-flight writes would still land after our reads.
      await this.closing;
      if (generation !== this.generation || this.stopped) return;
      const opened = await (options.openStore?.(won) ?? openZookeeperStore({ client: won.client as ZkClient, rootPath: options.zooKeeper.rootPath, epoch: won.epoch, logger: options.logger }));
      if (generation !== this.generation || this.stopped) return void opened.close();
      const store = timedStore(opened, options.clock, (latencyMs) => this.metrics.persisted(latencyMs));
      this.store = store;
      const term: LeaderTerm = new LeaderTerm({
        runtime: options,
        store,
        client: this.client,
        metrics: this.metrics,
        onChange: (change) => this.changes.emit(change),
        onFrameworkRemoved: (frameworkId, message) => this.frameworkRemoved(term, frameworkId, message),
      });
      this.term = term;
      this.changes.emit({ type: 'framework', at: options.clock.now() });
      options.logger.info({ epoch: won.epoch }, 'leading: restoring apps and nodes');
      await term.start();
    } catch (err) {
      if (generation !== this.generation) return;
      options.logger.error({ err }, 'could not take over as leader; stepping down until the next term');
      this.end('the term failed to start');
    }
  }

  private end(reason: string): void {
    this.generation++;
    const term = this.term;
    this.term = undefined;
    if (!term) return;
    term.stop();
    const store = this.store;
    this.store = undefined;
    if (store) this.closing = store.close().catch((err: unknown) => this.options.logger.warn({ err }, 'closing the store failed'));
    this.options.logger.warn({ reason }, 'not leading any more');
    this.changes.emit({ type: 'framework', at: this.options.clock.now() });
    this.options.hooks?.onSteppedDown?.(reason);
  }

  private frameworkRemoved(term: LeaderTerm, frameworkId: string, message: string): void {
    const { logger, hooks } = this.options;
    const error = new FrameworkRemovedError(frameworkId, message);
    hooks?.onFrameworkRemoved?.(frameworkId, message);
    if (this.options.onFrameworkRemoved === 'register-new') {
      logger.error({ frameworkId, code: error.code }, `Mesos removed framework ${frameworkId} ("${message}"); registering as a new framework`);
      term.frameworkRecord.update((r) => void (r.frameworkId = null)).then(
        () => this.term === term && term.subscribe(null),
        (err: unknown) => logger.error({ err }, 'could not clear the removed FrameworkID'),
      );
      return;
    }
    logger.error({ frameworkId, code: error.code }, error.message);
    void this.shutdown().then(() => this.rejectDone(error));
  }

  private async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.end('stopped');
    await this.election?.stop();
    await this.detector?.stop();
    await this.client.close();
  }
}

function rejecting(error: Error): RuntimeApi {
  const fail = () => Promise.reject(error);
  return { leading: false, subscribed: false, frameworkId: undefined, apps: () => [], app: () => undefined, node: () => undefined, createApp: fail, initializeApp: fail, addNode: fail, command: fail, sendMessage: fail, storeNodeData: fail };
}
