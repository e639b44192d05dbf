/**
 * The failure modes of the local master, one class and one stable `code` each.
 *
 * {@link MasterHttpError} subclasses are answers: the HTTP handler turns one
 * into its status code and a plain-text body worded as a Mesos 1.11 master
 * words it, so clients see the same bodies they would see in production.
 */
import { CatapultError } from '../../util/catapult-error';

/** A call the master answers with a non-2xx status and a plain-text reason. */
export class MasterHttpError extends CatapultError {
  /** The HTTP status to answer with. */
  readonly status: number;
  /** Extra response headers (e.g. `Allow` for 405). */
  readonly headers: Record<string, string>;

  constructor(code: string, status: number, message: string, headers: Record<string, string> = {}) {
    super(code, message, { details: { status } });
    this.status = status;
    this.headers = headers;
  }
}

/** 400: the request or call is malformed or fails validation; fix the call before retrying. */
export class BadCallError extends MasterHttpError {
  constructor(message: string) {
    super('CATAPULT_DEVCLUSTER_BAD_CALL', 400, message);
  }
}

/** 403: a non-SUBSCRIBE call for a framework whose subscription stream is not open; SUBSCRIBE first. */
export class NotSubscribedError extends MasterHttpError {
  constructor() {
    super('CATAPULT_DEVCLUSTER_NOT_SUBSCRIBED', 403, 'Framework is not subscribed');
  }
}

/** 405: the scheduler endpoint takes POST only. */
export class MethodNotAllowedError extends MasterHttpError {
  constructor(method: string) {
    super('CATAPULT_DEVCLUSTER_METHOD_NOT_ALLOWED', 405, `Expecting one of { 'POST' }, but received '${method}'`, { Allow: 'POST' });
  }
}

/** 406: a SUBSCRIBE whose `Accept` header allows neither JSON nor protobuf. */
export class NotAcceptableError extends MasterHttpError {
  constructor() {
    super(
      'CATAPULT_DEVCLUSTER_NOT_ACCEPTABLE',
      406,
      "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'",
    );
  }
}

/** 415: the `Content-Type` is not exactly `application/json` or `application/x-protobuf`. */
export class UnsupportedMediaTypeError extends MasterHttpError {
  constructor() {
    super(
      'CATAPULT_DEVCLUSTER_UNSUPPORTED_MEDIA_TYPE',
      415,
      "Expecting 'Content-Type' of application/json or application/x-protobuf",
    );
  }
}

/** 501: a call of type UNKNOWN, or a type this master does not implement. */
export class CallNotImplementedError extends MasterHttpError {
  constructor(type: string) {
    super('CATAPULT_DEVCLUSTER_CALL_NOT_IMPLEMENTED', 501, `Call type '${type}' is not implemented`);
  }
}

/** 503: the master cannot serve now (no leader, recovering, or an injected fault); retry with backoff. */
export class MasterUnavailableError extends MasterHttpError {
  constructor(message: string) {
    super('CATAPULT_DEVCLUSTER_MASTER_UNAVAILABLE', 503, message);
  }
}

/** 307: this master is not the leader; the client should retry at `Location`. */
export class NotLeaderRedirect extends MasterHttpError {
  constructor(location: string) {
    super('CATAPULT_DEVCLUSTER_NOT_LEADER', 307, '', { Location: location });
  }
}

/** A cluster option (resources, attributes, a ZooKeeper URL, a count) is malformed. */
export class InvalidClusterOptionError extends CatapultError {
  constructor(option: string, value: unknown, expected: string) {
    super(
      'CATAPULT_DEVCLUSTER_INVALID_OPTION',
      `Invalid ${option} ${JSON.stringify(value)}: expected ${expected}.`,
      { details: { option, value, expected } },
    );
  }
}

/** The master could not register itself in ZooKeeper. */
export class MasterRegistrationError extends CatapultError {
  constructor(path: string, cause: unknown) {
    super(
      'CATAPULT_DEVCLUSTER_MASTER_REGISTRATION_FAILED',
      `The local master could not register under ${path} in ZooKeeper: ${(cause as Error)?.message ?? String(cause)}. ` +
        'Check that ZooKeeper is reachable at the zk:// URL.',
      { cause, details: { path } },
    );
  }
}
