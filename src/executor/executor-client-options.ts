/**
 * Options of the executor's link to its agent.
 */
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { Random } from '../util/random';
import type { Encoding } from '../wire';
import type { AgentConnection } from './agent-connection';
import type { ExecutorEnvironment } from './executor-environment';

/** Options of {@link ExecutorClient}. */
export interface ExecutorClientOptions {
  environment: ExecutorEnvironment;
  /** How to reach the agent. Default: undici, from the environment. */
  connection?: AgentConnection;
  /** The encoding of calls and events. Default `json`. */
  encoding?: Encoding;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** First resend of an unacknowledged update; doubles up to {@link updateRetryMaxMs}. Default 10 s. */
  updateRetryMs?: number;
  /** Default 5 min. */
  updateRetryMaxMs?: number;
  /** Budget for the first subscription when the framework does not checkpoint. Default 60 s (the agent's registration timeout). */
  registrationTimeoutMs?: number;
}
