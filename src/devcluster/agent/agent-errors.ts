/**
 * The failure modes of a local agent, one class and one stable `code` each.
 */
import { CatapultError } from '../../util/catapult-error';

/** The agent was asked to do something in a lifecycle state that does not allow it (e.g. `restart()` before `start()`). */
export class AgentStateError extends CatapultError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CATAPULT_DEVCLUSTER_AGENT_STATE', message, { details });
  }
}

/** The agent's executor API server could not listen on its port. */
export class AgentListenError extends CatapultError {
  constructor(port: number, cause: unknown) {
    super('CATAPULT_DEVCLUSTER_AGENT_LISTEN', `The agent could not listen on 127.0.0.1:${port}; pick another port or free this one.`, {
      cause,
      details: { port },
    });
  }
}

/** A sandbox directory could not be created. */
export class SandboxError extends CatapultError {
  constructor(path: string, cause: unknown) {
    super('CATAPULT_DEVCLUSTER_SANDBOX', `Could not create the sandbox directory ${path}; check that the agent's work directory is writable.`, {
      cause,
      details: { path },
    });
  }
}

/** A task or executor command could not be turned into a process (no value, an unsupported secret, ...). */
export class CommandLaunchError extends CatapultError {
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super('CATAPULT_DEVCLUSTER_COMMAND_LAUNCH', message, { details, cause });
  }
}

/** The agent's options are invalid. */
export class AgentOptionsError extends CatapultError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CATAPULT_DEVCLUSTER_AGENT_OPTIONS', message, { details });
  }
}
