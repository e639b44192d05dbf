/**
 * The executor's own failure modes (configuration and lifecycle); failures of
 * single HTTP calls to the agent live in `agent-http-error.ts`.
 */
import { CatapultError } from '../util/catapult-error';

/** Who sets each `MESOS_*` variable, for messages that say what to do. */
const WHO_SETS: Record<string, string> = {
  MESOS_FRAMEWORK_ID: 'the Mesos agent sets it when it launches a custom executor',
  MESOS_EXECUTOR_ID: 'the Mesos agent sets it from ExecutorInfo.executor_id',
  MESOS_AGENT_ENDPOINT: 'the Mesos agent sets it to its own ip:port (MESOS_SLAVE_PID is the fallback)',
  MESOS_SLAVE_PID: 'the Mesos agent sets it to slave(1)@ip:port',
  MESOS_CHECKPOINT: 'the Mesos agent sets it to "1" or "0" from FrameworkInfo.checkpoint',
  MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: 'the Mesos agent sets it from --executor_shutdown_grace_period or ExecutorInfo.shutdown_grace_period',
  MESOS_RECOVERY_TIMEOUT: 'the Mesos agent sets it from --recovery_timeout when the framework checkpoints',
  MESOS_SUBSCRIPTION_BACKOFF_MAX: 'the Mesos agent sets it from --executor_reregistration_timeout when the framework checkpoints',
};

function whoSets(variable: string): string {
  return WHO_SETS[variable] ?? 'the Mesos agent sets it';
}

/**
 * A `MESOS_*` variable the executor needs is not set: the program was not
 * started by a Mesos agent (or a framework's CommandInfo.environment
 * clobbered it).
 */
export class ExecutorEnvironmentMissingError extends CatapultError {
  readonly variable: string;

  constructor(variable: string) {
    super(
      'CATAPULT_EXECUTOR_ENV_MISSING',
      `${variable} is not set; ${whoSets(variable)}. Run this program as a custom executor (ExecutorInfo.command), or set ${variable} by hand to test it locally.`,
      { details: { variable } },
    );
    this.variable = variable;
  }
}

/** A `MESOS_*` variable is set to something the executor cannot use. */
export class ExecutorEnvironmentInvalidError extends CatapultError {
  readonly variable: string;
  readonly value: string;

  constructor(variable: string, value: string, expected: string, cause?: unknown) {
    super('CATAPULT_EXECUTOR_ENV_INVALID', `${variable}=${JSON.stringify(value)} is not valid: expected ${expected}; ${whoSets(variable)}.`, {
      cause,
      details: { variable, value },
    });
    this.variable = variable;
    this.value = value;
  }
}

/**
 * The stream to the agent ended and the executor may not reconnect: the
 * framework does not checkpoint, so the agent cannot recover this executor.
 */
export class ExecutorDisconnectedError extends CatapultError {
  constructor(cause?: unknown) {
    super(
      'CATAPULT_EXECUTOR_DISCONNECTED',
      'The connection to the agent was lost and MESOS_CHECKPOINT is not "1", so the agent cannot recover this executor; exiting. Enable FrameworkInfo.checkpoint to survive agent restarts.',
      { cause },
    );
  }
}

/** The executor could not re-subscribe within MESOS_RECOVERY_TIMEOUT. */
export class ExecutorRecoveryTimeoutError extends CatapultError {
  constructor(recoveryTimeoutMs: number, cause?: unknown) {
    super(
      'CATAPULT_EXECUTOR_RECOVERY_TIMEOUT',
      `Could not re-subscribe to the agent within MESOS_RECOVERY_TIMEOUT (${recoveryTimeoutMs} ms); exiting. The agent is down or no longer knows this executor.`,
      { cause, details: { recoveryTimeoutMs } },
    );
  }
}

/** A call needs a live subscription and there is none (not yet subscribed, or reconnecting). */
export class ExecutorNotSubscribedError extends CatapultError {
  constructor(callType: string) {
    super('CATAPULT_EXECUTOR_NOT_SUBSCRIBED', `Cannot send ${callType}: the executor is not subscribed to its agent right now; retry after it re-subscribes.`, {
      details: { callType },
    });
  }
}

/** A call was made after the executor client was closed. */
export class ExecutorClosedError extends CatapultError {
  constructor(callType: string) {
    super('CATAPULT_EXECUTOR_CLOSED', `Cannot send ${callType}: the executor client is closed.`, { details: { callType } });
  }
}

/** The same executor (or executor client) was started twice. */
export class ExecutorAlreadyStartedError extends CatapultError {
  constructor(what = 'MesosApplicationFrameworkExecutor.run()') {
    super('CATAPULT_EXECUTOR_ALREADY_STARTED', `${what} was already called on this object; create a new one per executor process.`, { details: { what } });
  }
}
