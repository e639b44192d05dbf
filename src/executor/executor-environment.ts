/**
 * Reads the `MESOS_*` environment a Mesos agent gives a custom executor
 * (mesos-http-api.md §3.2) into one typed value, failing early with an error
 * that names the variable and who sets it.
 */
import { parseDurationMs } from '../wire';
import { ExecutorEnvironmentInvalidError, ExecutorEnvironmentMissingError } from './executor-errors';

/** Everything the executor needs from its environment. */
export interface ExecutorEnvironment {
  frameworkId: string;
  executorId: string;
  /** The agent's id (`MESOS_SLAVE_ID`), informational. */
  agentId?: string;
  /** The executor API URL, e.g. `http://10.0.0.5:5051/api/v1/executor`. */
  agentUrl: string;
  /** `MESOS_DOMAIN_SOCKET`: the agent serves the executor API on this Unix socket too. */
  socketPath?: string;
  /** `MESOS_CHECKPOINT` is `"1"`: the executor survives agent restarts by re-subscribing. */
  checkpoint: boolean;
  /** Budget between SHUTDOWN and exit. */
  shutdownGracePeriodMs: number;
  /** Total re-subscription budget after a disconnect (checkpointing only). */
  recoveryTimeoutMs: number;
  /** Upper bound of the random delay between re-subscription attempts. */
  subscriptionBackoffMaxMs: number;
  /** `MESOS_EXECUTOR_AUTHENTICATION_TOKEN`, sent as `Authorization: Bearer …`. */
  authenticationToken?: string;
  /** `MESOS_SANDBOX` (else `MESOS_DIRECTORY`): the sandbox as the executor sees it. */
  sandboxDirectory?: string;
}

/** Options of {@link readExecutorEnvironment}. */
export interface ReadExecutorEnvironmentOptions {
  /**
   * Delete `MESOS_EXECUTOR_AUTHENTICATION_TOKEN` from `env` after reading it,
   * so the app's child processes do not inherit it (what the C++ executor
   * library does). Default true.
   */
  removeToken?: boolean;
}

/** The agent's default `--executor_shutdown_grace_period`, used when the variable is absent. */
export const DEFAULT_SHUTDOWN_GRACE_PERIOD_MS = 5_000;
/** The agent's default `--recovery_timeout`. */
export const DEFAULT_RECOVERY_TIMEOUT_MS = 15 * 60_000;
/** The agent's default `--executor_reregistration_timeout`. */
export const DEFAULT_SUBSCRIPTION_BACKOFF_MAX_MS = 2_000;

const EXECUTOR_PATH = '/api/v1/executor';
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[^\s/:@[\]]+):(\d{1,5})$/;
const SLAVE_PID = /^([^@\s]+)@(.+)$/;

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the executor's `MESOS_*` environment.
 *
 * @throws ExecutorEnvironmentMissingError when a required variable is absent.
 * @throws ExecutorEnvironmentInvalidError when a variable cannot be parsed.
 */
export function readExecutorEnvironment(env: Env = process.env, options: ReadExecutorEnvironmentOptions = {}): ExecutorEnvironment {
  const frameworkId = required(env, 'MESOS_FRAMEWORK_ID');
  const executorId = required(env, 'MESOS_EXECUTOR_ID');
  const agentUrl = agentUrlFrom(env);
  const checkpoint = checkpointFrom(env);
  const shutdownGracePeriodMs = durationFrom(env, 'MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD') ?? DEFAULT_SHUTDOWN_GRACE_PERIOD_MS;
  // Both are only set for checkpointing frameworks; without checkpointing the executor never re-subscribes.
  const recoveryTimeoutMs = checkpoint ? requiredDuration(env, 'MESOS_RECOVERY_TIMEOUT') : durationFrom(env, 'MESOS_RECOVERY_TIMEOUT') ?? DEFAULT_RECOVERY_TIMEOUT_MS;
  const subscriptionBackoffMaxMs = checkpoint
    ? requiredDuration(env, 'MESOS_SUBSCRIPTION_BACKOFF_MAX')
    : durationFrom(env, 'MESOS_SUBSCRIPTION_BACKOFF_MAX') ?? DEFAULT_SUBSCRIPTION_BACKOFF_MAX_MS;

  const result: ExecutorEnvironment = { frameworkId, executorId, agentUrl, checkpoint, shutdownGracePeriodMs, recoveryTimeoutMs, subscriptionBackoffMaxMs };
  const agentId = optional(env, 'MESOS_SLAVE_ID');
  if (agentId !== undefined) result.agentId = agentId;
  const socketPath = optional(env, 'MESOS_DOMAIN_SOCKET');
  if (socketPath !== undefined) result.socketPath = socketPath;
  const sandbox = optional(env, 'MESOS_SANDBOX') ?? optional(env, 'MESOS_DIRECTORY');
  if (sandbox !== undefined) result.sandboxDirectory = sandbox;
  const token = optional(env, 'MESOS_EXECUTOR_AUTHENTICATION_TOKEN');
  if (token !== undefined) {
    result.authenticationToken = token;
    if (options.removeToken ?? true) delete env.MESOS_EXECUTOR_AUTHENTICATION_TOKEN;
  }
  return result;
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ExecutorEnvironmentMissingError(name);
  return value;
}

function durationFrom(env: Env, name: string): number | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  try {
    return parseDurationMs(value);
  } catch (cause) {
    throw new ExecutorEnvironmentInvalidError(name, value, 'a stout duration such as 5secs, 1500ms or 1.5mins', cause);
  }
}

function requiredDuration(env: Env, name: string): number {
  const ms = durationFrom(env, name);
  if (ms === undefined) throw new ExecutorEnvironmentMissingError(name);
  return ms;
}

function checkpointFrom(env: Env): boolean {
  const value = optional(env, 'MESOS_CHECKPOINT');
  if (value === undefined || value === '0') return false;
  if (value === '1') return true;
  throw new ExecutorEnvironmentInvalidError('MESOS_CHECKPOINT', value, '"1" or "0"');
}

function agentUrlFrom(env: Env): string {
  const endpoint = optional(env, 'MESOS_AGENT_ENDPOINT');
  if (endpoint !== undefined) {
    if (!HOST_PORT.test(endpoint)) throw new ExecutorEnvironmentInvalidError('MESOS_AGENT_ENDPOINT', endpoint, 'ip:port without a scheme or path, e.g. 10.0.0.5:5051');
    return `http://${endpoint}${EXECUTOR_PATH}`;
  }
  const pid = optional(env, 'MESOS_SLAVE_PID');
  if (pid === undefined) throw new ExecutorEnvironmentMissingError('MESOS_AGENT_ENDPOINT');
  const match = SLAVE_PID.exec(pid);
  if (!match || !HOST_PORT.test(match[2] as string)) throw new ExecutorEnvironmentInvalidError('MESOS_SLAVE_PID', pid, 'slave(1)@ip:port');
  return `http://${match[2]}/${match[1]}${EXECUTOR_PATH}`;
}
