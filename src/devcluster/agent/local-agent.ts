/**
 * A local Mesos agent, modelled on Mesos 1.11: it registers with the master,
 * runs command tasks and custom executors as real child processes (or
 * simulated in-process tasks), serves the v1 executor API on 127.0.0.1,
 * delivers status updates reliably, and can be crashed, restarted and
 * partitioned for fault injection.
 */
import { mesos } from '../../../proto/gen/mesos';
import { systemClock, type Clock, type TimerHandle } from '../../util/clock';
import { silentLogger, type Logger } from '../../util/logger';
import { systemRandom, type Random } from '../../util/random';
import { formatUuid, newUuidBytes } from '../../wire';
import type { AgentPort, AgentRegistration, MasterPort } from '../agent-link';
import { AgentOptionsError, AgentStateError } from './agent-errors';
import { buildAgentInfo } from './agent-info';
import { AGENT_DEFAULTS, type LocalAgentOptions, type SimulationOptions } from './agent-options';
import { AgentExecutorApi } from './executor-api';
import type { ExecutorHost } from './executor-host';
import { ExecutorHttpEndpoint } from './executor-http-endpoint';
import { ExecutorManager } from './executor-manager';
import { SandboxRoot, type Sandbox } from './sandbox';
import { SimulatedTasks } from './simulated-tasks';
import { StatusUpdateManager } from './status-update-manager';
import { stampStatus } from './status-stamp';
import { isTerminalState } from './task-states';
import { TaskRegistry } from './task-registry';
import { TaskLauncher } from './task-launcher';
import { AgentRecovery } from './agent-recovery';

/** Lifecycle of a local agent. */
export type AgentLifecycle = 'new' | 'running' | 'recovering' | 'reconnecting' | 'stopped' | 'closed';

/** A local agent. Create it with {@link createAgent}, then `await agent.start()`. */
export class LocalAgent implements AgentPort, ExecutorHost {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly registry = new TaskRegistry();
  readonly baseEnv: Record<string, string>;
  readonly failDocker: boolean;
  readonly executorShutdownGracePeriodMs: number;
  readonly executorRegistrationTimeoutMs: number;
  readonly executorReregistrationTimeoutMs: number;
  readonly recoveryTimeoutMs: number;
  readonly defaultKillGracePeriodMs: number;
  /** The status-update manager (exposed for tests and diagnostics). */
  readonly updates: StatusUpdateManager;
  /** The in-process simulated tasks, when simulation is on. */
  readonly simulated: SimulatedTasks | undefined;
  readonly simulation: SimulationOptions | undefined;
  readonly executors: ExecutorManager;
  private readonly random: Random;
  private readonly endpointServer: ExecutorHttpEndpoint;
  private readonly launcher: TaskLauncher;
  private readonly recovery: AgentRecovery;
  private master: MasterPort;
  private id: string;
  private lifecycle: AgentLifecycle = 'new';
  private partitioned = false;
  private boundPort: number;
  private sandboxes: SandboxRoot | undefined;
  private containerSeq = 0;
  private recoveryTimer: TimerHandle | undefined;

  constructor(private readonly options: LocalAgentOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? systemRandom;
    this.master = options.master;
    this.id = options.agentId ?? '';
    this.boundPort = options.port ?? 0;
    this.logger = (options.logger ?? silentLogger).child({ component: 'agent' });
    this.baseEnv = options.env ?? stringEnv(process.env);
    this.failDocker = options.failDocker ?? false;
    this.executorShutdownGracePeriodMs = options.executorShutdownGracePeriodMs ?? AGENT_DEFAULTS.executorShutdownGracePeriodMs;
    this.executorRegistrationTimeoutMs = options.executorRegistrationTimeoutMs ?? AGENT_DEFAULTS.executorRegistrationTimeoutMs;
    this.executorReregistrationTimeoutMs = options.executorReregistrationTimeoutMs ?? AGENT_DEFAULTS.executorReregistrationTimeoutMs;
    this.recoveryTimeoutMs = options.recoveryTimeoutMs ?? AGENT_DEFAULTS.recoveryTimeoutMs;
    this.defaultKillGracePeriodMs = options.killGracePeriodMs ?? AGENT_DEFAULTS.killGracePeriodMs;
    this.updates = new StatusUpdateManager({
      clock: this.clock,
      logger: this.logger,
      initialRetryMs: options.statusUpdateRetryInitialMs ?? AGENT_DEFAULTS.statusUpdateRetryInitialMs,
      maxRetryMs: options.statusUpdateRetryMaxMs ?? AGENT_DEFAULTS.statusUpdateRetryMaxMs,
      forward: (frameworkId, status) => this.master.statusUpdate(frameworkId, status),
      onStreamClosed: (frameworkId, taskId) => this.registry.removeTask(frameworkId, taskId),
    });
    this.simulation = options.simulation === true ? {} : options.simulation || undefined;
    if (this.simulation?.tickMs !== undefined && !(this.simulation.tickMs > 0)) {
      throw new AgentOptionsError('simulation.tickMs must be a positive number of milliseconds', { tickMs: this.simulation.tickMs });
    }
    this.simulated =
      this.simulation === undefined
        ? undefined
        : new SimulatedTasks(this.clock, this.simulation.tickMs ?? AGENT_DEFAULTS.simulationTickMs, this.simulation.killDelayMs ?? 0, (fid, tid, state, fields) =>
            this.launcher.reportTask(fid, tid, state, fields),
          );
    this.executors = new ExecutorManager(this);
    this.launcher = new TaskLauncher(this, this.executors);
    this.recovery = new AgentRecovery(this, this.executors);
    const api = new AgentExecutorApi(this, this.executors, () => this.lifecycle === 'recovering' ? 'Agent has not finished recovery' : undefined, () =>
      this.recovery.executorResubscribed(),
    );
    this.endpointServer = new ExecutorHttpEndpoint(
      api,
      this.clock,
      options.executorHeartbeatIntervalMs ?? AGENT_DEFAULTS.executorHeartbeatIntervalMs,
      this.logger,
    );
  }

  /** The agent id ('' until the master assigned one, when none was given). */
  get agentId(): string {
    return this.id;
  }

  /** The executor API port on 127.0.0.1. */
  get port(): number {
    return this.boundPort;
  }

  /** The lifecycle state. */
  get state(): AgentLifecycle {
    return this.lifecycle;
  }

  /** True while partitioned from the master. */
  get isPartitioned(): boolean {
    return this.partitioned;
  }

  /** The agent's work directory (sandboxes live below it). */
  get workDir(): string | undefined {
    return this.sandboxes?.workDir;
  }

  /** Starts serving the executor API and registers with the master. */
  async start(): Promise<void> {
    if (this.lifecycle !== 'new') throw new AgentStateError(`start() on an agent that is ${this.lifecycle}`);
    this.sandboxes = await SandboxRoot.create(this.options.workDir);
    this.boundPort = await this.endpointServer.listen(this.boundPort);
    this.lifecycle = 'running';
    this.logger.info({ port: this.boundPort }, 'agent started');
    this.connectToMaster();
  }

  /**
   * Crashes the agent (fault injection): the executor API goes away, streams
   * are cut, the master is told; executors and tasks of checkpointing
   * frameworks keep running, the others are killed and forgotten.
   */
  async stop(): Promise<void> {
    if (this.lifecycle === 'stopped' || this.lifecycle === 'closed') return;
    if (this.lifecycle === 'new') throw new AgentStateError('stop() on an agent that never started');
    this.recoveryTimer?.cancel();
    this.recovery.cancel();
    const wasConnected = this.reachableMaster() !== undefined;
    this.lifecycle = 'stopped';
    this.updates.disconnect();
    this.simulated?.pause();
    this.recovery.crash();
    await this.endpointServer.close();
    if (wasConnected) this.master.agentDisconnected(this.id);
    this.logger.info('agent stopped');
  }

  /**
   * Restarts a stopped (or running) agent on the same port: 503 while it
   * recovers, then re-subscriptions of the surviving executors, then
   * re-registration with the master and the replay of unacknowledged updates.
   */
  async restart(): Promise<void> {
    if (this.lifecycle === 'new' || this.lifecycle === 'closed') throw new AgentStateError(`restart() on an agent that is ${this.lifecycle}`);
    await this.stop();
    this.lifecycle = 'recovering';
    this.boundPort = await this.endpointServer.listen(this.boundPort);
    this.recoveryTimer = this.clock.setTimeout(() => {
      this.lifecycle = 'reconnecting';
      this.recovery.awaitExecutors(() => {
        this.lifecycle = 'running';
        this.connectToMaster();
        this.recovery.finish();
      });
    }, this.options.recoveryDelayMs ?? AGENT_DEFAULTS.recoveryDelayMs);
  }

  /** Cuts the agent off from the master (the master marks its tasks unreachable). */
  partition(): void {
    if (this.partitioned) return;
    const wasConnected = this.reachableMaster() !== undefined;
    this.partitioned = true;
    this.updates.disconnect();
    if (wasConnected) this.master.agentDisconnected(this.id);
  }

  /** Ends a partition: re-registers and resends unacknowledged updates. */
  heal(): void {
    if (!this.partitioned) return;
    this.partitioned = false;
    if (this.lifecycle === 'running') this.connectToMaster();
  }

  /** Kills every process, stops serving and removes the work directory it created. */
  async close(): Promise<void> {
    if (this.lifecycle === 'closed') return;
    this.recoveryTimer?.cancel();
    this.recovery.cancel();
    this.lifecycle = 'closed';
    this.updates.close();
    this.simulated?.pause();
    await this.recovery.killEverything();
    await this.endpointServer.close();
    await this.sandboxes?.dispose();
  }

  // ----- AgentPort -----

  launch(frameworkInfo: mesos.v1.IFrameworkInfo, tasks: mesos.v1.ITaskInfo[]): void {
    if (this.ignoring('launch')) return;
    for (const task of tasks) this.launcher.launch(frameworkInfo, task);
  }

  launchGroup(frameworkInfo: mesos.v1.IFrameworkInfo, executor: mesos.v1.IExecutorInfo, group: mesos.v1.ITaskGroupInfo): void {
    if (this.ignoring('launchGroup')) return;
    this.launcher.launchGroup(frameworkInfo, executor, group);
  }

  kill(frameworkId: string, taskId: string, killPolicy?: mesos.v1.IKillPolicy): void {
    if (this.ignoring('kill')) return;
    this.launcher.kill(frameworkId, taskId, killPolicy);
  }

  shutdownExecutor(frameworkId: string, executorId: string): void {
    if (this.ignoring('shutdownExecutor')) return;
    const run = this.executors.run(frameworkId, executorId);
    if (run !== undefined) this.executors.shutdown(run);
  }

  frameworkMessage(frameworkId: string, executorId: string, data: Uint8Array): void {
    if (this.ignoring('frameworkMessage')) return;
    const run = this.executors.run(frameworkId, executorId);
    if (!run?.send({ type: mesos.v1.executor.Event.Type.MESSAGE, message: { data } })) {
      this.logger.warn({ frameworkId, executorId }, 'dropping a framework message: the executor is not subscribed');
    }
  }

  acknowledge(frameworkId: string, taskId: string, uuid: Uint8Array): void {
    if (this.ignoring('acknowledge')) return;
    if (!this.updates.acknowledge(frameworkId, taskId, uuid)) {
      this.logger.debug({ frameworkId, taskId, uuid: formatUuid(uuid) }, 'unexpected acknowledgement');
    }
  }

  shutdownFramework(frameworkId: string): void {
    if (this.ignoring('shutdownFramework')) return;
    this.launcher.shutdownFramework(frameworkId);
    this.updates.dropFramework(frameworkId);
  }

  reregister(master: MasterPort): void {
    this.master = master;
    if (this.lifecycle === 'running' && !this.partitioned) this.connectToMaster();
  }

  registered(agentId: string): void {
    if (this.id !== '' && this.id !== agentId) this.logger.warn({ was: this.id, now: agentId }, 'the master changed the agent id');
    this.id = agentId;
  }

  // ----- ExecutorHost -----

  currentAgentId(): string {
    return this.id;
  }

  agentInfo(): mesos.v1.IAgentInfo {
    return buildAgentInfo({
      hostname: this.options.hostname ?? AGENT_DEFAULTS.hostname,
      port: this.boundPort,
      agentId: this.id,
      resources: this.options.resources,
      attributes: this.options.attributes,
      domain: this.options.domain,
    });
  }

  endpoint(): string {
    return `127.0.0.1:${this.boundPort}`;
  }

  isUp(): boolean {
    return this.lifecycle === 'running' || this.lifecycle === 'recovering' || this.lifecycle === 'reconnecting';
  }

  reachableMaster(): MasterPort | undefined {
    return this.lifecycle === 'running' && !this.partitioned ? this.master : undefined;
  }

  newContainerId(): string {
    return formatUuid(newUuidBytes(this.random)) || `container-${++this.containerSeq}`;
  }

  makeSandbox(frameworkId: string, executorId: string, containerId: string): Promise<Sandbox> {
    if (this.sandboxes === undefined) throw new AgentStateError('the agent has no work directory yet');
    return this.sandboxes.sandbox(this.id, frameworkId, executorId, containerId);
  }

  report(frameworkId: string, status: mesos.v1.ITaskStatus, executorId?: string): void {
    const stamped = stampStatus(status, { agentId: this.id, executorId, nowMs: this.clock.now(), newUuid: () => newUuidBytes(this.random) });
    if (this.updates.isDuplicate(frameworkId, stamped)) {
      this.logger.debug({ frameworkId, taskId: stamped.task_id.value }, 'duplicate status update');
      return;
    }
    const record = this.registry.task(frameworkId, stamped.task_id.value);
    if (record !== undefined) record.state = stamped.state;
    if (this.launcher.isRemoved(frameworkId)) {
      if (isTerminalState(stamped.state)) this.registry.removeTask(frameworkId, stamped.task_id.value);
      return;
    }
    this.updates.update(frameworkId, stamped);
  }

  // ----- internals -----

  private connectToMaster(): void {
    if (this.partitioned) return;
    const registration: AgentRegistration = {
      info: this.agentInfo(),
      tasks: this.registry.taskReports(),
      executors: this.registry.executorReports(),
    };
    this.master.registerAgent(this, registration);
    this.updates.connect();
    this.simulated?.resume();
  }

  private ignoring(call: string): boolean {
    if (this.lifecycle === 'running' && !this.partitioned) return false;
    this.logger.debug({ call, state: this.lifecycle, partitioned: this.partitioned }, 'dropping a master call: the agent cannot be reached');
    return true;
  }
}

/** Creates a local agent (call `start()` on it). */
export function createAgent(options: LocalAgentOptions): LocalAgent {
  return new LocalAgent(options);
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}
