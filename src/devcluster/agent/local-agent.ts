/**
 * A local Mesos agent, modelled on Mesos 1.11: it registers with the master,
 * runs command tasks and custom executors as real child processes (or
 * simulated in-process tasks), serves the v1 executor API on 127.0.0.1,
 * delivers status updates reliably, and can be crashed, restarted and
 * partitioned for fault injection.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { TimerHandle } from '../../util/clock';
import { formatUuid } from '../../wire';
import type { AgentPort, AgentRegistration, MasterPort } from '../agent-link';
import { AgentCore } from './agent-core';
import { AgentStateError } from './agent-errors';
import { AGENT_DEFAULTS, type LocalAgentOptions } from './agent-options';
import { SandboxRoot } from './sandbox';

export type { AgentLifecycle } from './agent-core';

/** A local agent. Create it with {@link createAgent}, then `await agent.start()`. */
export class LocalAgent extends AgentCore implements AgentPort {
  private recoveryTimer: TimerHandle | undefined;

  constructor(options: LocalAgentOptions) {
    super(options);
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
