/**
 * Every HTTP status the agent's executor endpoint answers, mapped to one row
 * of one table (mesos-go `apierrors`): a stable code, a disposition and the
 * advice the message carries. Callers ask `err.isTemporary()` or
 * `err.isSubscriptionLoss()` instead of comparing status numbers.
 *
 * Non-2xx bodies are plain text (the agent's reason); they are kept verbatim
 * and never decoded as events.
 */
import type { CatapultErrorOptions } from '../util/catapult-error';
import { DispositionError, type Disposition } from '../util/disposition-error';

/**
 * What the executor should do about a failure: `retry` (agent recovering or
 * starting, network), `resubscribe` (the agent does not consider this executor
 * subscribed), `fatal` (bad token, malformed call, unknown framework or executor).
 */
export type AgentDisposition = Disposition;

/** A failure talking to the agent, with a stable `code` and an {@link AgentDisposition}. */
export class AgentError extends DispositionError {}

interface Row {
  code: string;
  disposition: AgentDisposition;
  advice: string;
}

const NOT_SUBSCRIBED = /not subscribed/i;
const BODY_LIMIT_CHARS = 4096;

const TABLE: Record<number, Row> = {
  400: { code: 'CATAPULT_AGENT_BAD_REQUEST', disposition: 'fatal', advice: 'the agent rejected the call (malformed, or it does not know this framework or executor); check the MESOS_* environment' },
  401: { code: 'CATAPULT_AGENT_UNAUTHORIZED', disposition: 'fatal', advice: 'the agent authenticates executors and the token is missing or invalid; check MESOS_EXECUTOR_AUTHENTICATION_TOKEN' },
  403: { code: 'CATAPULT_AGENT_FORBIDDEN', disposition: 'fatal', advice: "the token's claims do not match this framework, executor or container" },
  404: { code: 'CATAPULT_AGENT_NOT_READY', disposition: 'retry', advice: 'the agent has not installed its routes yet; retry with backoff' },
  405: { code: 'CATAPULT_AGENT_METHOD_NOT_ALLOWED', disposition: 'fatal', advice: 'only POST is allowed; this is a client bug' },
  406: { code: 'CATAPULT_AGENT_NOT_ACCEPTABLE', disposition: 'fatal', advice: 'the Accept header allows neither JSON nor protobuf; this is a client bug' },
  415: { code: 'CATAPULT_AGENT_UNSUPPORTED_MEDIA_TYPE', disposition: 'fatal', advice: 'Content-Type must be exactly application/json or application/x-protobuf; this is a client bug' },
  500: { code: 'CATAPULT_AGENT_INTERNAL_ERROR', disposition: 'retry', advice: 'the agent failed internally; retry with backoff' },
  501: { code: 'CATAPULT_AGENT_NOT_IMPLEMENTED', disposition: 'fatal', advice: 'the agent does not know this call type; check the Mesos version' },
  503: { code: 'CATAPULT_AGENT_RECOVERING', disposition: 'retry', advice: 'the agent has not finished recovery; retry with backoff' },
};

const NOT_SUBSCRIBED_ROW: Row = {
  code: 'CATAPULT_AGENT_NOT_SUBSCRIBED',
  disposition: 'resubscribe',
  advice: 'the agent does not consider this executor subscribed; SUBSCRIBE first',
};

function rowFor(status: number, body: string): Row {
  if (status === 403 && NOT_SUBSCRIBED.test(body)) return NOT_SUBSCRIBED_ROW;
  const row = TABLE[status];
  if (row) return row;
  if (status >= 500) return { code: 'CATAPULT_AGENT_SERVER_ERROR', disposition: 'retry', advice: 'unexpected server error; retry with backoff' };
  return { code: 'CATAPULT_AGENT_UNEXPECTED_STATUS', disposition: 'fatal', advice: 'the agent answered a status the executor API does not use; check MESOS_AGENT_ENDPOINT' };
}

/** What an {@link AgentHttpError} is about. */
export interface AgentHttpErrorInit {
  status: number;
  /** The agent's plain-text reason, possibly empty. */
  body: string;
  /** The call type that was sent, e.g. `SUBSCRIBE` or `UPDATE`. */
  callType: string;
  url: string;
}

/** The agent answered a call with a status other than the expected 200/202. */
export class AgentHttpError extends AgentError {
  readonly status: number;
  readonly body: string;
  readonly callType: string;
  readonly url: string;

  constructor(init: AgentHttpErrorInit) {
    const body = init.body.length > BODY_LIMIT_CHARS ? `${init.body.slice(0, BODY_LIMIT_CHARS)}…` : init.body;
    const row = rowFor(init.status, body);
    const reason = body.trim() === '' ? '' : `: ${body.trim()}`;
    super(row.code, `${init.callType} to ${init.url} failed with HTTP ${init.status}${reason} (${row.advice})`, row.disposition, {
      details: { status: init.status, callType: init.callType, url: init.url, body },
    });
    this.status = init.status;
    this.body = body;
    this.callType = init.callType;
    this.url = init.url;
  }
}

/** The connection to the agent failed before an HTTP answer arrived (refused, reset, timed out). */
export class AgentConnectionError extends AgentError {
  constructor(callType: string, url: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super('CATAPULT_AGENT_CONNECTION_FAILED', `${callType} to ${url} failed before the agent answered (${why}); the agent may be restarting`, 'retry', {
      cause,
      details: { callType, url },
    });
  }
}

/** The subscription stream broke: a malformed record, an undecodable event, or an ERROR event. */
export class AgentStreamError extends AgentError {
  constructor(message: string, options: CatapultErrorOptions = {}) {
    super('CATAPULT_AGENT_STREAM_BROKEN', message, 'resubscribe', options);
  }
}

/** The stable codes {@link AgentHttpError} can carry, for exhaustive handling. */
export const AGENT_HTTP_ERROR_CODES: readonly string[] = [
  ...new Set([...Object.values(TABLE), NOT_SUBSCRIBED_ROW].map((r) => r.code)),
  'CATAPULT_AGENT_SERVER_ERROR',
  'CATAPULT_AGENT_UNEXPECTED_STATUS',
];
