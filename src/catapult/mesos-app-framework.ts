/**
 * The scheduler entry point users know from the Java catapult:
 * `new MesosAppFramework(config, listener).run()`.
 */
import { hostname, userInfo } from 'node:os';
import { nodeMachine as defaultNodeMachine, type NodeMachine } from '../../machines';
import { startDashboard, type Dashboard } from '../dashboard';
import { RuntimeDashboardSource } from '../scheduler/runtime/dashboard-adapter';
import { MetricsRecorder } from '../scheduler/runtime/runtime-metrics';
import type { RuntimeState } from '../scheduler/runtime/runtime-state';
import { SchedulerRuntime } from '../scheduler/runtime/scheduler-runtime';
import type { SchedulerRuntimeOptions } from '../scheduler/runtime/runtime-options';
import { systemClock, type Clock } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { systemRandom, type Random } from '../util/random';
import { AppDirectory } from './app-directory';
import { AppFrameworkImpl } from './app-framework-impl';
import { AlreadyRunningError } from './catapult-errors';
import type { AppFramework, MesosAppListener } from './catapult-types';
import { withNodeCallbacks, type NodeCallbackSink } from './node-callbacks';
import { validateSchedulerConfig, zooKeeperTarget, type ResolvedSchedulerConfig, type SchedulerConfig } from './scheduler-config';
import { TypeRegistry, type RegisteredClass } from './type-registry';

/** Options of {@link MesosAppFramework}. */
export interface MesosAppFrameworkOptions {
  logger?: Logger;
  clock?: Clock;
  random?: Random;
  /** Your SchedulerApp and SchedulerNode subclasses, so restored apps and nodes come back as them. */
  types?: RegisteredClass[];
  /** A customized node machine (`nodeMachine.provide(...)` or `createNodeMachine(...)`); its callbacks still reach your nodes. */
  nodeMachine?: NodeMachine;
  /** @internal Overrides of the runtime's options (tests: clients, connections, timings). */
  runtime?: Partial<SchedulerRuntimeOptions>;
}

function defaultUser(): string {
  try {
    return userInfo().username || 'root';
  } catch {
    return 'root';
  }
}

/**
 * A highly available Mesos framework: joins the leader election in
 * ZooKeeper; once elected, restores every app and node, subscribes to Mesos
 * (re-subscribing with the stored FrameworkID after any disconnect or
 * failover), and calls `listener.connected`, where you register your apps.
 *
 * What it does differently from the Java catapult: it rides through master
 * failovers instead of stopping; it acknowledges a status update only after
 * the node's transition is persisted; a relaunch waits for a backoff; a node
 * the user killed stays killed; a standby takes over when the leader's
 * ZooKeeper session ends; `initialized` runs once per app, ever.
 *
 * @example
 * class Web extends SchedulerApp {
 *   constructor() { super('web'); }
 *   initialized(driver: AppDriver) {
 *     for (let i = 0; i < 3; i++) {
 *       void driver.launchNode(new SchedulerNode({ scheduler_container: { name: 'web', cpus: 0.1, memory: 64, command: 'sleep 3600' } }));
 *     }
 *   }
 * }
 * const framework = new MesosAppFramework(
 *   {
 *     frameworkName: 'web',
 *     zooKeeperInfo: { address: 'zk1:2181', rootNode: '/catapult/web' },
 *     mesosInfo: { address: 'http://master:5050' },
 *   },
 *   { connected: (fw) => fw.register(new Web()) },
 *   { types: [Web] },
 * );
 * process.once('SIGTERM', () => void framework.stop());
 * await framework.run();
 */
export class MesosAppFramework {
  readonly config: ResolvedSchedulerConfig;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly types: TypeRegistry;
  private readonly apps: AppDirectory;
  private readonly framework: AppFrameworkImpl;
  private runtime: SchedulerRuntime | undefined;
  private dashboard: Dashboard | undefined;
  private removedReported = new Set<string>();

  /** @throws {ConfigMissingFieldError} / {ConfigInvalidFieldError} for a bad config. */
  constructor(
    config: SchedulerConfig,
    private readonly listener: MesosAppListener = {},
    private readonly options: MesosAppFrameworkOptions = {},
  ) {
    this.config = validateSchedulerConfig(config);
    this.logger = (options.logger ?? silentLogger).child({ framework: this.config.frameworkName });
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? systemRandom;
    this.types = new TypeRegistry(options.types);
    this.apps = new AppDirectory(this.types, this.logger);
    this.framework = new AppFrameworkImpl({
      runtime: () => this.runtime,
      apps: this.apps,
      types: this.types,
      listener: this.listener,
      logger: this.logger,
      stop: (failover) => this.stop({ failover }),
    });
  }

  /** The AppFramework the listener receives. */
  get appFramework(): AppFramework {
    return this.framework;
  }

  /** True while this instance leads. */
  get leading(): boolean {
    return this.runtime?.leading ?? false;
  }

  /** The runtime, while running (for the dashboard and `/api/state`). */
  get schedulerRuntime(): SchedulerRuntime | undefined {
    return this.runtime;
  }

  /** The dashboard's URL (`http://host:port`) while it is served (`config.dashboard`). */
  get dashboardUrl(): string | undefined {
    return this.dashboard?.url;
  }

  /**
   * The scheduler's state as JSON: the framework (id, role, subscription,
   * counters) and every app with its nodes (state, incarnation, task id,
   * agent, why it is pending, history). Apps are listed by the leader only.
   */
  state(): RuntimeState {
    if (this.runtime) return this.runtime.state();
    const metrics = new MetricsRecorder().snapshot();
    return { framework: { frameworkId: null, name: this.config.frameworkName, role: 'standby', state: 'standby', subscribed: false, masterUrl: null, metrics }, apps: [] };
  }

  /**
   * Runs until {@link stop} (or `abort`); rejects if the scheduler cannot go
   * on. With `config.dashboard`, every instance serves the dashboard, the
   * leader and the standbys alike (a standby shows its role).
   */
  async run(): Promise<void> {
    if (this.runtime) throw new AlreadyRunningError();
    const options = this.runtimeOptions();
    const runtime = new SchedulerRuntime(options);
    this.runtime = runtime;
    try {
      await this.serveDashboard(runtime, options);
    } catch (err) {
      await runtime.stop();
      throw err;
    }
    runtime.start();
    try {
      await runtime.done;
    } finally {
      await this.closeDashboard();
    }
  }

  /**
   * Stops: leaves the election (a standby takes over at once) and ends the
   * subscription. With `failover: false` the framework is torn down in Mesos,
   * killing its tasks. `run()` resolves afterwards; the dashboard is closed.
   */
  async stop(options: { failover?: boolean } = {}): Promise<void> {
    await this.runtime?.stop({ teardown: options.failover === false });
    await this.closeDashboard();
  }

  private async serveDashboard(runtime: SchedulerRuntime, options: SchedulerRuntimeOptions): Promise<void> {
    const config = this.config.dashboard;
    if (!config) return;
    this.dashboard = await startDashboard({
      source: new RuntimeDashboardSource(runtime),
      port: config.port,
      host: config.host,
      token: config.token,
      logger: this.logger,
      clock: this.clock,
    });
    // Port 0 is only known once bound; the runtime reads FrameworkInfo when it subscribes, after this.
    if (this.config.webuiUrl === undefined) options.frameworkInfo.webuiUrl = `http://${config.host ?? this.config.host ?? hostname()}:${this.dashboard.port}/`;
  }

  private async closeDashboard(): Promise<void> {
    const dashboard = this.dashboard;
    this.dashboard = undefined;
    await dashboard?.close();
  }

  private runtimeOptions(): SchedulerRuntimeOptions {
    const c = this.config;
    const zk = zooKeeperTarget(c.zooKeeperInfo);
    const machine = withNodeCallbacks(this.options.nodeMachine ?? defaultNodeMachine, this.onNodeCallback, this.logger);
    return {
      frameworkInfo: {
        name: c.frameworkName,
        user: c.user ?? defaultUser(),
        roles: c.roles,
        principal: c.principal,
        failoverTimeoutSeconds: c.mesosInfo.failoverTimeoutSeconds,
        hostname: c.host ?? hostname(),
        webuiUrl: c.webuiUrl,
        gpuResources: c.gpuResources,
      },
      zooKeeper: { connectString: zk.connectString, rootPath: zk.rootPath, sessionTimeoutMs: c.zooKeeperInfo.sessionTimeoutMs, auth: c.zooKeeperInfo.auth },
      masters: c.mesosInfo.address,
      encoding: c.encoding,
      nodeMachine: machine,
      nodeDefaults: c.nodeDefaults,
      killGracePeriodSeconds: c.killGracePeriodSeconds,
      extraUris: c.dockerRegistryUris,
      onFrameworkRemoved: c.onFrameworkRemoved,
      clock: this.clock,
      random: this.random,
      logger: this.logger,
      ...this.options.runtime,
      hooks: {
        onLeading: (api) => this.apps.restore(api),
        onConnected: () => this.listener.connected?.(this.framework),
        onDisconnected: () => this.listener.disconnected?.(this.framework),
        onSteppedDown: () => undefined,
        onFrameworkRemoved: (frameworkId) => {
          if (this.removedReported.has(frameworkId)) return;
          this.removedReported.add(frameworkId);
          this.listener.frameworkRemoved?.(this.framework, frameworkId);
        },
        onNodeRemoved: (appId, nodeId) => this.apps.get(appId)?.driver.nodes.delete(nodeId),
      },
    };
  }

  private readonly onNodeCallback: NodeCallbackSink = async (callback, context, data) => {
    const entry = this.apps.get(context.appId);
    const node = entry?.driver.nodes.get(context.nodeId);
    if (!entry || !node || entry.driver.isAborted) return;
    if (callback === 'message') return entry.app.message(entry.driver, node, data ?? new Uint8Array(0));
    return node[callback](entry.driver);
  };
}
