/**
 * Options of a local agent, with the Mesos defaults.
 */
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/logger';
import type { Random } from '../../util/random';
import type { MasterPort } from '../agent-link';
import type { AgentAttributeValue, AgentDomain, AgentResources } from './agent-info';
import type { mesos } from '../../../proto/gen/mesos';
import type { SimulatedTaskScript } from './simulated-tasks';

/** In-process simulated tasks instead of child processes. */
export interface SimulationOptions {
  /** The script of every task, or a function choosing one per task. Default: STARTING then RUNNING at once. */
  script?: SimulatedTaskScript | ((task: mesos.v1.ITaskInfo, frameworkId: string) => SimulatedTaskScript);
  /** Granularity of simulated time; every due step of a tick is handled together. Default 10 ms. */
  tickMs?: number;
  /** How long a killed simulated task takes to die. Default 0. */
  killDelayMs?: number;
}

/** Options of {@link createAgent}. */
export interface LocalAgentOptions {
  /** The master the agent registers with. */
  master: MasterPort;
  /** The agent id; when absent the master assigns one (`<master-id>-S<n>`) through `registered()`. */
  agentId?: string;
  /** Hostname announced in AgentInfo. Default `localhost`. */
  hostname?: string;
  /** Port of the executor API on 127.0.0.1. Default 0 (any free port; kept across restarts). */
  port?: number;
  resources?: AgentResources;
  attributes?: Record<string, AgentAttributeValue>;
  domain?: AgentDomain;
  /** Where sandboxes go. Default: a fresh temporary directory, removed by `close()`. */
  workDir?: string;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** The environment processes start from. Default: the agent's own `process.env`. */
  env?: Record<string, string>;
  /** Fail Docker containers (TASK_FAILED, REASON_CONTAINER_LAUNCH_FAILED) instead of running their command on the host. */
  failDocker?: boolean;
  /** Run tasks as in-process simulations (`true` for the default script). */
  simulation?: boolean | SimulationOptions;
  /** Kill grace period of command tasks without a kill policy. Default 3 s. */
  killGracePeriodMs?: number;
  /** `--executor_shutdown_grace_period`. Default 5 s. */
  executorShutdownGracePeriodMs?: number;
  /** `--executor_registration_timeout`. Default 1 min. */
  executorRegistrationTimeoutMs?: number;
  /** `--executor_reregistration_timeout` (also the executors' max re-subscription backoff). Default 2 s. */
  executorReregistrationTimeoutMs?: number;
  /** `--recovery_timeout`, told to checkpointing executors. Default 15 min. */
  recoveryTimeoutMs?: number;
  /** How long a restarted agent answers 503 "Agent has not finished recovery". Default 50 ms. */
  recoveryDelayMs?: number;
  /** Interval of executor HEARTBEAT events. Default 30 min. */
  executorHeartbeatIntervalMs?: number;
  /** First resend of an unacknowledged status update. Default 10 s. */
  statusUpdateRetryInitialMs?: number;
  /** Cap of the doubling resend delay. Default 10 min. */
  statusUpdateRetryMaxMs?: number;
}

/** The defaults of {@link LocalAgentOptions}. */
export const AGENT_DEFAULTS = Object.freeze({
  hostname: 'localhost',
  killGracePeriodMs: 3_000,
  executorShutdownGracePeriodMs: 5_000,
  executorRegistrationTimeoutMs: 60_000,
  executorReregistrationTimeoutMs: 2_000,
  recoveryTimeoutMs: 15 * 60_000,
  recoveryDelayMs: 50,
  executorHeartbeatIntervalMs: 30 * 60_000,
  statusUpdateRetryInitialMs: 10_000,
  statusUpdateRetryMaxMs: 10 * 60_000,
  simulationTickMs: 10,
});
