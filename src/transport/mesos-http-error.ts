/**
 * Every HTTP status the master's scheduler endpoint answers, mapped to one row
 * of one table (mesos-go `apierrors`): a stable code, a disposition and the
 * advice the message carries. Callers ask `err.isTemporary()` or
 * `err.isSubscriptionLoss()` instead of comparing status numbers.
 *
 * Non-2xx bodies are plain text (the master's reason); they are kept verbatim
 * and never decoded as events.
 */
import { TransportError, type Disposition } from './transport-error';

interface Row {
  code: string;
  disposition: Disposition;
  advice: string;
}

const STALE_STREAM = /stream ?id|mesos-stream-id/i;
const FRAMEWORK_NOT_FOUND = /framework cannot be found/i;
const NOT_SUBSCRIBED = /not subscribed/i;
const BODY_LIMIT_CHARS = 4096;

const TABLE: Record<number, Row> = {
  307: { code: 'CATAPULT_MESOS_NOT_LEADER', disposition: 'resubscribe', advice: 'the master is no longer the leader; re-subscribe at the new leader' },
  400: { code: 'CATAPULT_MESOS_BAD_REQUEST', disposition: 'fatal', advice: 'the master rejected the call as malformed; fix the call' },
  401: { code: 'CATAPULT_MESOS_UNAUTHORIZED', disposition: 'fatal', advice: 'credentials are missing or wrong; check the principal and secret' },
  403: { code: 'CATAPULT_MESOS_FORBIDDEN', disposition: 'fatal', advice: 'the principal is not allowed to do this; check the ACLs' },
  404: { code: 'CATAPULT_MESOS_NOT_READY', disposition: 'retry', advice: 'the master has not installed its routes yet; retry with backoff' },
  405: { code: 'CATAPULT_MESOS_METHOD_NOT_ALLOWED', disposition: 'fatal', advice: 'only POST is allowed; this is a client bug' },
  406: { code: 'CATAPULT_MESOS_NOT_ACCEPTABLE', disposition: 'fatal', advice: 'the Accept header allows neither JSON nor protobuf; this is a client bug' },
  409: { code: 'CATAPULT_MESOS_FRAMEWORK_GONE', disposition: 'fatal', advice: 'the framework was removed concurrently; subscribe as a new framework if desired' },
  415: { code: 'CATAPULT_MESOS_UNSUPPORTED_MEDIA_TYPE', disposition: 'fatal', advice: 'Content-Type must be exactly application/json or application/x-protobuf; this is a client bug' },
  500: { code: 'CATAPULT_MESOS_INTERNAL_ERROR', disposition: 'retry', advice: 'the master failed internally; retry with backoff' },
  501: { code: 'CATAPULT_MESOS_NOT_IMPLEMENTED', disposition: 'fatal', advice: 'the master does not know this call type; check the Mesos version' },
  503: { code: 'CATAPULT_MESOS_UNAVAILABLE', disposition: 'retry', advice: 'no leader is elected or the leader is still recovering; retry with backoff and re-detect the leader' },
};

/** 400s that mean "your subscription is stale" rather than "your call is wrong". */
const STALE_STREAM_ROW: Row = {
  code: 'CATAPULT_MESOS_STALE_STREAM',
  disposition: 'resubscribe',
  advice: 'the Mesos-Stream-Id is missing or belongs to an older subscription; re-subscribe',
};
const FRAMEWORK_NOT_FOUND_ROW: Row = {
  code: 'CATAPULT_MESOS_FRAMEWORK_NOT_FOUND',
  disposition: 'resubscribe',
  advice: 'this master does not know the framework (e.g. a fresh leader); re-subscribe with the framework id',
};
const NOT_SUBSCRIBED_ROW: Row = {
  code: 'CATAPULT_MESOS_NOT_SUBSCRIBED',
  disposition: 'resubscribe',
  advice: 'the framework is not subscribed at this master; re-subscribe first',
};

function rowFor(status: number, body: string): Row {
  if (status === 400 && FRAMEWORK_NOT_FOUND.test(body)) return FRAMEWORK_NOT_FOUND_ROW;
  if (status === 400 && STALE_STREAM.test(body)) return STALE_STREAM_ROW;
  if (status === 403 && NOT_SUBSCRIBED.test(body)) return NOT_SUBSCRIBED_ROW;
  const row = TABLE[status];
  if (row) return row;
  if (status >= 500) return { code: 'CATAPULT_MESOS_SERVER_ERROR', disposition: 'retry', advice: 'unexpected server error; retry with backoff' };
  return { code: 'CATAPULT_MESOS_UNEXPECTED_STATUS', disposition: 'fatal', advice: 'the master answered a status the scheduler API does not use; check the URL' };
}

/** What a {@link MesosHttpError} is about. */
export interface MesosHttpErrorInit {
  /** The HTTP status. */
  status: number;
  /** The response body as text (the master's reason), possibly empty. */
  body: string;
  /** The call type that was sent, e.g. `SUBSCRIBE` or `ACCEPT`. */
  callType: string;
  /** The URL the call was sent to. */
  url: string;
  /** The `Location` header, for 307. */
  location?: string;
}

/** The master answered a call with a status other than the expected 200/202. */
export class MesosHttpError extends TransportError {
  readonly status: number;
  /** The master's plain-text reason. */
  readonly body: string;
  readonly callType: string;
  readonly url: string;
  readonly location: string | undefined;

  constructor(init: MesosHttpErrorInit) {
    const body = init.body.length > BODY_LIMIT_CHARS ? `${init.body.slice(0, BODY_LIMIT_CHARS)}…` : init.body;
    const row = rowFor(init.status, body);
    const reason = body.trim() === '' ? '' : `: ${body.trim()}`;
    super(row.code, `${init.callType} to ${init.url} failed with HTTP ${init.status}${reason} (${row.advice})`, row.disposition, {
      details: { status: init.status, callType: init.callType, url: init.url, body, location: init.location },
    });
    this.status = init.status;
    this.body = body;
    this.callType = init.callType;
    this.url = init.url;
    this.location = init.location;
  }
}

/** The stable codes {@link MesosHttpError} can carry, for exhaustive handling. */
export const MESOS_HTTP_ERROR_CODES: readonly string[] = [
  ...new Set([...Object.values(TABLE), STALE_STREAM_ROW, FRAMEWORK_NOT_FOUND_ROW, NOT_SUBSCRIBED_ROW].map((r) => r.code)),
  'CATAPULT_MESOS_SERVER_ERROR',
  'CATAPULT_MESOS_UNEXPECTED_STATUS',
];
