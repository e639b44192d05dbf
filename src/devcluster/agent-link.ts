/**
 * The in-process link between the local master and its agents.
 *
 * A real Mesos master and agent talk over libprocess messages; here they share
 * a process, so the link is a pair of plain interfaces. The master calls
 * {@link AgentPort}; the agent reports back through {@link MasterPort}. Both
 * carry plain wire messages (see `src/wire`), so everything a scheduler or an
 * executor sees on the HTTP APIs comes out of the same codecs.
 *
 * Ownership: the master side lives in `master/`, the agent side in `agent/`.
 */
import type { mesos } from '../../proto/gen/mesos';

/** What an agent announces when it registers (and re-registers) with the master. */
export interface AgentRegistration {
  /** The agent's full AgentInfo: hostname, id, port, resources (total), attributes, domain. */
  info: mesos.v1.IAgentInfo;
  /** Tasks the agent is running (non-terminal) or holds unacknowledged terminal updates for, with their latest state, per framework. */
  tasks: AgentTaskReport[];
  /** Executors running on the agent. */
  executors: Array<{ frameworkId: string; executorInfo: mesos.v1.IExecutorInfo }>;
}

export interface AgentTaskReport {
  frameworkId: string;
  task: mesos.v1.ITaskInfo;
  /** The latest state known to the agent. */
  state: mesos.v1.TaskState;
  /** Resources the task (and its executor, if first) consumes. */
  resources: mesos.v1.IResource[];
}

/** The master's side of the link, called by agents. */
export interface MasterPort {
  /** An agent (re-)registers. */
  registerAgent(agent: AgentPort, registration: AgentRegistration): void;
  /**
   * A status update from the agent's status-update manager. The agent retries
   * an update with a uuid until the master relays the scheduler's
   * ACKNOWLEDGE back through {@link AgentPort.acknowledge}, and holds back the
   * task's later updates until then.
   */
  statusUpdate(frameworkId: string, status: mesos.v1.ITaskStatus): void;
  /** An executor sent a MESSAGE to its scheduler. */
  executorMessage(frameworkId: string, executorId: string, agentId: string, data: Uint8Array): void;
  /** An executor process exited (wait status as in Event.Failure.status). */
  executorExited(frameworkId: string, executorId: string, agentId: string, waitStatus: number): void;
  /** The agent is going away (stopped or partitioned); the master decides what that means for its tasks. */
  agentDisconnected(agentId: string): void;
}

/** The agent's side of the link, called by the master. */
export interface AgentPort {
  readonly agentId: string;
  /** Launch tasks of a LAUNCH operation (resources already checked by the master). */
  launch(frameworkInfo: mesos.v1.IFrameworkInfo, tasks: mesos.v1.ITaskInfo[]): void;
  /** Launch a task group on an executor (LAUNCH_GROUP). */
  launchGroup(frameworkInfo: mesos.v1.IFrameworkInfo, executor: mesos.v1.IExecutorInfo, group: mesos.v1.ITaskGroupInfo): void;
  /** Kill a task, honouring the kill policy (the call's overrides the task's). */
  kill(frameworkId: string, taskId: string, killPolicy?: mesos.v1.IKillPolicy): void;
  /** Shut down a custom executor (SHUTDOWN call). */
  shutdownExecutor(frameworkId: string, executorId: string): void;
  /** Deliver a scheduler MESSAGE to an executor (best effort). */
  frameworkMessage(frameworkId: string, executorId: string, data: Uint8Array): void;
  /** The scheduler acknowledged an update (relayed by the master). */
  acknowledge(frameworkId: string, taskId: string, uuid: Uint8Array): void;
  /** The framework was removed: kill its tasks and executors. */
  shutdownFramework(frameworkId: string): void;
  /** A (new) master asks the agent to re-register and resend unacknowledged updates. */
  reregister(master: MasterPort): void;
  /**
   * The master accepted a registration or a re-registration of this agent.
   *
   * The master owns agent ids: it calls this once {@link MasterPort.registerAgent}
   * has admitted the agent, on first registration and on every
   * re-registration (after a master failover, a partition or an agent
   * restart), as Mesos' `SlaveRegisteredMessage` / `SlaveReregisteredMessage`
   * do. `agentId` is the id the agent announced in `AgentInfo.id`, or, when it
   * announced none, a fresh `<master-id>-S<n>`; the agent must use it from
   * then on (in `AgentInfo`, in the `agent_id` of its status updates and in
   * `MESOS_SLAVE_ID`).
   *
   * It is called synchronously from inside `registerAgent`, before the
   * agent's reported tasks are merged, so updates the agent sends right after
   * registering already carry the assigned id. Optional so that test doubles
   * of an agent may omit it.
   */
  registered?(agentId: string): void;
}
