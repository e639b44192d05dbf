/**
 * What every part of a local agent leans on: its resolved options, the task
 * registry, the status-update manager, sandboxes, and the stamping of status
 * updates. {@link LocalAgent} adds the lifecycle and the master's calls on
 * top of it.
 */
import type { mesos } from '../../../proto/gen/mesos';
import { systemClock, type Clock } from '../../util/clock';
import { silentLogger, type Logger } from '../../util/logger';
import { systemRandom, type Random } from '../../util/random';
import { formatUuid, newUuidBytes } from '../../wire';
import type { MasterPort } from '../agent-link';
import { AgentOptionsError, AgentStateError } from './agent-errors';
import { buildAgentInfo } from './agent-info';
import { AGENT_DEFAULTS, type LocalAgentOptions, type SimulationOptions } from './agent-options';
import { AgentRecovery, type RecoveryHost } from './agent-recovery';
import { AgentExecutorApi } from './executor-api';
import { ExecutorHttpEndpoint } from './executor-http-endpoint';
import { ExecutorManager } from './executor-manager';
import { SandboxRoot, type Sandbox } from './sandbox';
import { SimulatedTasks } from './simulated-tasks';
import { stampStatus } from './status-stamp';
import { StatusUpdateManager } from './status-update-manager';
import { TaskLauncher } from './task-launcher';
import { TaskRegistry } from './task-registry';
import { isTerminalState } from './task-states';

/** Lifecycle of a local agent. */
export type AgentLifecycle = 'new' | 'running' | 'recovering' | 'reconnecting' | 'stopped' | 'closed';

/** The state and services of one agent, shared by its executors, tasks and recovery. */
export abstract class AgentCore implements RecoveryHost {
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
  protected readonly random: Random;
  protected readonly endpointServer: ExecutorHttpEndpoint;
  protected readonly launcher: TaskLauncher;
  protected readonly recovery: AgentRecovery;
  protected master: MasterPort;
  protected id: string;
  protected lifecycle: AgentLifecycle = 'new';
  protected partitioned = false;
  protected boundPort: number;
  protected sandboxes: SandboxRoot | undefined;
  private containerSeq = 0;

  protected constructor(protected readonly options: LocalAgentOptions) {
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
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}
