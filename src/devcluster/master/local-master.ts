/**
 * A local Mesos master: the v1 scheduler API over HTTP on 127.0.0.1, the
 * master side of the agent link, and (with a zk:// URL) registration and
 * leader election in ZooKeeper like a Mesos 1.11 master.
 *
 * @example
 * const master = await LocalMaster.start({ heartbeatIntervalMs: 1000 });
 * // agents: createAgent({ master, ... })
 * console.log(master.url); // http://127.0.0.1:<port>/api/v1/scheduler
 * await master.stop();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { mesos } from '../../../proto/gen/mesos';
import { systemClock, type TimerHandle } from '../../util/clock';
import { silentLogger } from '../../util/logger';
import { systemRandom } from '../../util/random';
import type { AgentPort, AgentRegistration, MasterPort } from '../agent-link';
import { markAgentUnreachable, recoverAgentsFromRegistry, registerAgent } from './agents';
import { masterInfoJson } from './codec';
import { createRequestHandler, type Leadership } from './http-handler';
import { IdMinter, randomUuid } from './ids';
import type { MasterContext } from './master-context';
import { buildMasterInfo } from './master-info';
import { resolveMasterOptions, type LocalMasterOptions } from './master-options';
import { MasterRegistry } from './master-registry';
import { MasterState } from './master-state';
import { allocate } from './offer-allocator';
import { executorExited, executorMessage, relayStatusUpdate } from './task-relay';
import { ZkContender, type LeaderInfo } from './zk-contender';

const LOOPBACK = '127.0.0.1';

export class LocalMaster implements MasterPort, Leadership {
  /** The master id (a UUID); ids it hands out start with it. */
  readonly id: string;
  private readonly ctx: MasterContext;
  private readonly server: Server;
  private info: mesos.v1.IMasterInfo | undefined;
  private contender: ZkContender | undefined;
  private leading = false;
  private leaderAddress: LeaderInfo | undefined;
  private recoveringUntilMs = 0;
  private allocationTimer: TimerHandle | undefined;
  private soonTimer: TimerHandle | undefined;
  private stopped = false;
  private readonly electedListeners: Array<() => void> = [];

  private constructor(options: LocalMasterOptions) {
    const clock = options.clock ?? systemClock;
    const random = options.random ?? systemRandom;
    this.id = randomUuid(random);
    const resolved = resolveMasterOptions(options);
    this.ctx = {
      state: new MasterState(),
      options: resolved,
      ids: new IdMinter(this.id),
      clock,
      random,
      logger: (options.logger ?? silentLogger).child({ component: 'master', masterId: this.id }),
      registry: options.registry ?? new MasterRegistry(),
      faults: options.faults ?? {},
      masterInfo: () => this.masterInfo,
      send: (frameworkId, event) => this.ctx.state.frameworks.get(frameworkId)?.stream?.send(event),
      allocateSoon: () => this.allocateSoon(),
    };
    this.server = createServer(createRequestHandler(this.ctx, this));
    this.server.keepAliveTimeout = 60_000;
  }

  /** Starts listening and, with `zk`, joins the election; without it the master leads at once. */
  static async start(options: LocalMasterOptions = {}): Promise<LocalMaster> {
    const master = new LocalMaster(options);
    await master.listen(master.ctx.options.port);
    const zk = master.ctx.options.zk;
    if (zk === undefined) master.elected();
    else {
      master.contender = await ZkContender.start({
        url: zk,
        masterInfoJson: masterInfoJson(master.masterInfo),
        sessionTimeoutMs: master.ctx.options.zkSessionTimeoutMs,
        clock: master.ctx.clock,
        logger: master.ctx.logger,
        onLeader: (leader) => master.leaderChanged(leader),
      });
    }
    return master;
  }

  /** The port on 127.0.0.1. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The scheduler endpoint, `http://127.0.0.1:<port>/api/v1/scheduler`. */
  get url(): string {
    return `http://${LOOPBACK}:${this.port}/api/v1/scheduler`;
  }

  get masterInfo(): mesos.v1.IMasterInfo {
    this.info ??= buildMasterInfo({ id: this.id, ip: LOOPBACK, port: this.port, hostname: this.ctx.options.hostname });
    return this.info;
  }

  /** The ZooKeeper znode this master registered, e.g. `json.info_0000000001`. */
  get znode(): string | undefined {
    return this.contender?.znode;
  }

  isLeader(): boolean {
    return this.leading;
  }

  leader(): { hostname: string; port: number } | undefined {
    if (this.leading) return { hostname: this.ctx.options.hostname, port: this.port };
    return this.leaderAddress;
  }

  isRecovering(): boolean {
    return this.leading && this.ctx.clock.now() < this.recoveringUntilMs;
  }

  /** Calls `listener` each time this master becomes the leader (now, if it already leads). */
  onElected(listener: () => void): void {
    this.electedListeners.push(listener);
    if (this.leading) listener();
  }

  /** The master's state, for tests and tools (read-only use). */
  get state(): MasterState {
    return this.ctx.state;
  }

  // MasterPort: agents talk to the leader only; a non-leader ignores them, as a real one would not be asked.
  registerAgent(agent: AgentPort, registration: AgentRegistration): void {
    if (this.leading) registerAgent(this.ctx, agent, registration);
  }

  statusUpdate(frameworkId: string, status: mesos.v1.ITaskStatus): void {
    if (this.leading) relayStatusUpdate(this.ctx, frameworkId, status);
  }

  executorMessage(frameworkId: string, executorId: string, agentId: string, data: Uint8Array): void {
    if (this.leading) executorMessage(this.ctx, frameworkId, executorId, agentId, data);
  }

  executorExited(frameworkId: string, executorId: string, agentId: string, waitStatus: number): void {
    if (this.leading) executorExited(this.ctx, frameworkId, executorId, agentId, waitStatus);
  }

  agentDisconnected(agentId: string): void {
    if (this.leading) markAgentUnreachable(this.ctx, agentId);
  }

  /** Cuts a framework's subscription stream as a network failure would (the framework becomes disconnected). */
  cutStream(frameworkId: string): boolean {
    const stream = this.ctx.state.frameworks.get(frameworkId)?.stream;
    stream?.destroy();
    return stream !== undefined;
  }

  /** Stops: withdraws from the election, cuts every stream and closes the server. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stepDown();
    await this.contender?.stop().catch((err) => this.ctx.logger.warn({ err }, 'leaving the election failed'));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, LOOPBACK, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  private leaderChanged(leader: LeaderInfo | undefined): void {
    if (leader?.self) {
      this.leaderAddress = undefined;
      if (!this.leading) this.elected();
      return;
    }
    if (this.leading) this.stepDown();
    this.leaderAddress = leader;
    this.ctx.logger.info({ leader }, leader ? 'following the leading master' : 'no leading master');
  }

  private elected(): void {
    if (this.stopped) return;
    this.leading = true;
    this.recoveringUntilMs = this.ctx.clock.now() + this.ctx.options.recoveryMs;
    recoverAgentsFromRegistry(this.ctx);
    this.ctx.logger.info({ url: this.url }, 'elected leading master');
    this.scheduleAllocation();
    for (const listener of this.electedListeners) listener();
  }

  /** Leaves leadership: like a Mesos master that lost its ZooKeeper session, forgets everything it knew. */
  private stepDown(): void {
    const wasLeading = this.leading;
    this.leading = false;
    this.allocationTimer?.cancel();
    this.soonTimer?.cancel();
    this.soonTimer = undefined;
    const frameworks = [...this.ctx.state.frameworks.values()];
    // Forget first, so the closing streams do not count as disconnections that would remove frameworks.
    this.ctx.state.reset();
    for (const framework of frameworks) {
      framework.failoverTimer?.cancel();
      framework.stream?.destroy();
    }
    if (wasLeading) this.ctx.logger.info('no longer leading');
  }

  private scheduleAllocation(): void {
    this.allocationTimer = this.ctx.clock.setTimeout(() => {
      if (!this.leading) return;
      allocate(this.ctx);
      this.scheduleAllocation();
    }, this.ctx.options.allocationIntervalMs);
  }

  private allocateSoon(): void {
    if (this.soonTimer || !this.leading) return;
    this.soonTimer = this.ctx.clock.setTimeout(() => {
      this.soonTimer = undefined;
      if (this.leading && !this.isRecovering()) allocate(this.ctx);
    }, 0);
  }
}
