/**
 * The environment of an executor process (§3.2 of the HTTP API notes): the
 * agent's `MESOS_*` variables over a base environment, with
 * `CommandInfo.environment` taking precedence over both, as in the Mesos
 * containerizer.
 */
import type { mesos } from '../../../proto/gen/mesos';
import { CommandLaunchError } from './agent-errors';
import { formatStoutDuration } from './durations';

/** What the agent knows about an executor it is about to start. */
export interface ExecutorEnvironmentInput {
  /** Variables every process starts from (by default the agent's own environment). */
  base: Record<string, string>;
  frameworkId: string;
  executorId: string;
  agentId: string;
  /** `ip:port` of the agent's executor API. */
  agentEndpoint: string;
  /** Host path of the sandbox. */
  sandboxPath: string;
  /** The framework's `FrameworkInfo.checkpoint`. */
  checkpoint: boolean;
  shutdownGracePeriodMs: number;
  recoveryTimeoutMs: number;
  /** The agent's executor re-registration timeout, which is also the executor's maximum re-subscription backoff. */
  subscriptionBackoffMaxMs: number;
  command?: mesos.v1.ICommandInfo | null;
}

/** The variables of `CommandInfo.environment`; secrets must carry their value inline. */
export function commandEnvironmentVariables(environment: mesos.v1.IEnvironment | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const variable of environment?.variables ?? []) {
    const secret = variable.secret;
    if (secret !== null && secret !== undefined) {
      const data = secret.value?.data;
      if (data === null || data === undefined) {
        throw new CommandLaunchError(
          `Environment variable ${variable.name} refers to a secret by reference; the local agent has no secret store, so pass the secret's value inline.`,
          { variable: variable.name },
        );
      }
      out[variable.name] = Buffer.from(data).toString('utf8');
    } else {
      out[variable.name] = variable.value ?? '';
    }
  }
  return out;
}

/** The complete environment of a custom executor. */
export function buildExecutorEnvironment(input: ExecutorEnvironmentInput): Record<string, string> {
  const mesosVariables: Record<string, string> = {
    MESOS_FRAMEWORK_ID: input.frameworkId,
    MESOS_EXECUTOR_ID: input.executorId,
    MESOS_AGENT_ENDPOINT: input.agentEndpoint,
    MESOS_SLAVE_PID: `slave(1)@${input.agentEndpoint}`,
    MESOS_SLAVE_ID: input.agentId,
    MESOS_DIRECTORY: input.sandboxPath,
    MESOS_SANDBOX: input.sandboxPath,
    MESOS_CHECKPOINT: input.checkpoint ? '1' : '0',
    MESOS_HTTP_COMMAND_EXECUTOR: '0',
    MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: formatStoutDuration(input.shutdownGracePeriodMs),
  };
  if (input.checkpoint) {
    mesosVariables.MESOS_RECOVERY_TIMEOUT = formatStoutDuration(input.recoveryTimeoutMs);
    mesosVariables.MESOS_SUBSCRIPTION_BACKOFF_MAX = formatStoutDuration(input.subscriptionBackoffMaxMs);
  }
  return { ...withoutMesosVariables(input.base), ...mesosVariables, ...commandEnvironmentVariables(input.command?.environment) };
}

/** What a command task sees: its sandbox and ids, not the executor API (it is not an executor). */
export interface CommandTaskEnvironmentInput {
  base: Record<string, string>;
  frameworkId: string;
  taskId: string;
  agentId: string;
  sandboxPath: string;
  command?: mesos.v1.ICommandInfo | null;
}

/** The complete environment of a command task's process. */
export function buildCommandTaskEnvironment(input: CommandTaskEnvironmentInput): Record<string, string> {
  return {
    ...withoutMesosVariables(input.base),
    MESOS_FRAMEWORK_ID: input.frameworkId,
    // The built-in command executor's id is the task id.
    MESOS_EXECUTOR_ID: input.taskId,
    MESOS_SLAVE_ID: input.agentId,
    MESOS_DIRECTORY: input.sandboxPath,
    MESOS_SANDBOX: input.sandboxPath,
    ...commandEnvironmentVariables(input.command?.environment),
  };
}

/**
 * Drops inherited `MESOS_*` variables: an agent started from inside another
 * executor (a test run under Mesos, say) must not leak its parent's ids.
 */
function withoutMesosVariables(base: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (!name.startsWith('MESOS_')) out[name] = value;
  }
  return out;
}
