/**
 * catapult's executor side: run an {@link ExecutableApp} as a Mesos custom
 * executor over the v1 executor HTTP API, and test one without an agent.
 */

// Entry point
export { MesosApplicationFrameworkExecutor, runMain } from './mesos-application-framework-executor';
export type { ExecutorOptions } from './mesos-application-framework-executor';

// What users implement and receive
export type { ExecutableApp, AppExecutor } from './executable-app';

// Testing user apps
export { MockExecutorEnvironment } from './mock-executor-environment';
export type { MockExecutorEnvironmentOptions, RecordedMessage } from './mock-executor-environment';

// The runtime and its link to the agent
export { ExecutorRuntime, ExecutorExitCode } from './executor-runtime';
export type { ExecutorRuntimeOptions } from './executor-runtime';
export type { ExecutorPort } from './executor-port';
export { ExecutorClient } from './executor-client';
export type { ExecutorClientListener, ExecutorClientEnd } from './executor-client';
export type { ExecutorClientOptions } from './executor-client-options';
export { createAgentConnection, SUBSCRIPTION_CLIENT_OPTIONS, CALL_CLIENT_OPTIONS } from './agent-connection';
export type { AgentConnection, AgentConnectionOptions, AgentRequest, AgentResponse, AgentStream } from './agent-connection';

// Environment
export {
  readExecutorEnvironment,
  DEFAULT_SHUTDOWN_GRACE_PERIOD_MS,
  DEFAULT_RECOVERY_TIMEOUT_MS,
  DEFAULT_SUBSCRIPTION_BACKOFF_MAX_MS,
} from './executor-environment';
export type { ExecutorEnvironment, ReadExecutorEnvironmentOptions } from './executor-environment';

// Status updates and the message envelope
export { TaskStatusFactory } from './task-status';
export type { StatusDetails } from './task-status';
export { encodeFrameworkMessage, decodeFrameworkMessage } from './framework-message';

// Errors
export { AgentError, AgentHttpError, AgentConnectionError, AgentStreamError, AGENT_HTTP_ERROR_CODES } from './agent-http-error';
export type { AgentDisposition, AgentHttpErrorInit } from './agent-http-error';
export {
  ExecutorEnvironmentMissingError,
  ExecutorEnvironmentInvalidError,
  ExecutorDisconnectedError,
  ExecutorRecoveryTimeoutError,
  ExecutorNotSubscribedError,
  ExecutorClosedError,
  ExecutorAlreadyStartedError,
} from './executor-errors';
