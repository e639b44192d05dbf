/**
 * Typed ZooKeeper errors: one class and one stable `code` per failure mode.
 *
 * Every error of {@link ZkClient} (and of the in-memory tree, which mimics it)
 * is a {@link ZkError}. Assert on `err.code` (`CATAPULT_ZK_NO_NODE`, ...), or on
 * `err.zkCode` for ZooKeeper's numeric code. `path` is the znode the request
 * was about; `opIndex` is the failing op of a multi.
 */
import { CatapultError } from '../../util/catapult-error';

/** ZooKeeper's numeric error codes (KeeperException.Code); protocol constants. */
export const ZK_CODES = {
  OK: 0,
  SYSTEM_ERROR: -1,
  RUNTIME_INCONSISTENCY: -2,
  DATA_INCONSISTENCY: -3,
  CONNECTION_LOSS: -4,
  MARSHALLING_ERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATION_TIMEOUT: -7,
  BAD_ARGUMENTS: -8,
  API_ERROR: -100,
  NO_NODE: -101,
  NO_AUTH: -102,
  BAD_VERSION: -103,
  NO_CHILDREN_FOR_EPHEMERALS: -108,
  NODE_EXISTS: -110,
  NOT_EMPTY: -111,
  SESSION_EXPIRED: -112,
  INVALID_CALLBACK: -113,
  INVALID_ACL: -114,
  AUTH_FAILED: -115,
} as const;

/** What a ZooKeeper error is about. */
export interface ZkErrorContext {
  /** The request: `getData`, `multi`, ... */
  op?: string;
  path?: string;
  /** Index of the failing op in a multi. */
  opIndex?: number;
  cause?: unknown;
}

/** Base class of every ZooKeeper failure. */
export class ZkError extends CatapultError {
  /** ZooKeeper's numeric code, or 0 for failures detected on this side (timeouts, closed client). */
  readonly zkCode: number;
  readonly path: string | undefined;
  readonly opIndex: number | undefined;
  /**
   * True when the request may or may not have been applied (connection loss,
   * timeout): read back before retrying a non-idempotent write.
   */
  readonly outcomeUnknown: boolean;

  constructor(code: string, zkCode: number, message: string, context: ZkErrorContext = {}, outcomeUnknown = false) {
    super(code, message, { cause: context.cause, details: { op: context.op, path: context.path, opIndex: context.opIndex, zkCode } });
    this.zkCode = zkCode;
    this.path = context.path;
    this.opIndex = context.opIndex;
    this.outcomeUnknown = outcomeUnknown;
  }
}

function where(c: ZkErrorContext): string {
  const at = c.path === undefined ? '' : ` on ${c.path}`;
  const index = c.opIndex === undefined ? '' : ` (multi op #${c.opIndex})`;
  return `${c.op ?? 'request'}${at}${index}`;
}

export class ZkNoNodeError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_NO_NODE', ZK_CODES.NO_NODE, `${where(c)} failed: the znode (or its parent) does not exist. Create it first, or re-read the tree.`, c);
  }
}

export class ZkNodeExistsError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_NODE_EXISTS', ZK_CODES.NODE_EXISTS, `${where(c)} failed: the znode already exists. Read it and update it with its version instead.`, c);
  }
}

export class ZkBadVersionError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_BAD_VERSION', ZK_CODES.BAD_VERSION, `${where(c)} failed: the znode's version is not the expected one (someone else wrote it). Re-read it before writing again.`, c);
  }
}

export class ZkNotEmptyError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_NOT_EMPTY', ZK_CODES.NOT_EMPTY, `${where(c)} failed: the znode has children. Delete them first (ZkClient.removeRecursive does).`, c);
  }
}

export class ZkNoAuthError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_NO_AUTH', ZK_CODES.NO_AUTH, `${where(c)} failed: not authorized by the znode's ACL. Connect with the digest credentials that created it.`, c);
  }
}

export class ZkConnectionLossError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_CONNECTION_LOSS', ZK_CODES.CONNECTION_LOSS, `${where(c)} failed: the connection to ZooKeeper was lost; the request may or may not have been applied. Wait for reconnection and read back before retrying.`, c, true);
  }
}

export class ZkSessionExpiredError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_SESSION_EXPIRED', ZK_CODES.SESSION_EXPIRED, `${where(c)} failed: the ZooKeeper session has expired and its ephemeral nodes are gone. Connect a new client.`, c);
  }
}

export class ZkAuthFailedError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_AUTH_FAILED', ZK_CODES.AUTH_FAILED, `${where(c)} failed: ZooKeeper rejected the client's authentication. Check the auth scheme and credentials.`, c);
  }
}

/** The server did not answer within the client's own request timeout (ZooKeeper's client has none). */
export class ZkRequestTimeoutError extends ZkError {
  constructor(timeoutMs: number, c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_REQUEST_TIMEOUT', 0, `${where(c)} got no answer within ${timeoutMs} ms; the server may be stalled or partitioned and the request may or may not be applied. Recycle the connection and read back.`, c, true);
  }
}

/** No ZooKeeper server accepted a session within the connect timeout. */
export class ZkConnectTimeoutError extends ZkError {
  constructor(connectString: string, timeoutMs: number) {
    super('CATAPULT_ZK_CONNECT_TIMEOUT', 0, `Could not connect to ZooKeeper at ${connectString} within ${timeoutMs} ms. Check that the ensemble is up and the connect string is right.`);
  }
}

/** The client was closed by its owner. */
export class ZkClientClosedError extends ZkError {
  constructor(c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_CLIENT_CLOSED', 0, `${where(c)} failed: this ZkClient is closed. Connect a new one.`, c);
  }
}

/** Any other ZooKeeper error code (system error, bad arguments, invalid ACL, ...). */
export class ZkServerError extends ZkError {
  constructor(zkCode: number, name: string, c: ZkErrorContext = {}) {
    super('CATAPULT_ZK_ERROR', zkCode, `${where(c)} failed with ZooKeeper error ${name} (${zkCode}).`, c);
  }
}

const NAMES = new Map<number, string>(Object.entries(ZK_CODES).map(([name, code]) => [code, name]));

/** The typed error for a ZooKeeper numeric error code. */
export function zkErrorFromCode(zkCode: number, context: ZkErrorContext = {}): ZkError {
  switch (zkCode) {
    case ZK_CODES.NO_NODE:
      return new ZkNoNodeError(context);
    case ZK_CODES.NODE_EXISTS:
      return new ZkNodeExistsError(context);
    case ZK_CODES.BAD_VERSION:
      return new ZkBadVersionError(context);
    case ZK_CODES.NOT_EMPTY:
      return new ZkNotEmptyError(context);
    case ZK_CODES.NO_AUTH:
      return new ZkNoAuthError(context);
    case ZK_CODES.CONNECTION_LOSS:
      return new ZkConnectionLossError(context);
    case ZK_CODES.SESSION_EXPIRED:
      return new ZkSessionExpiredError(context);
    case ZK_CODES.AUTH_FAILED:
      return new ZkAuthFailedError(context);
    default:
      return new ZkServerError(zkCode, NAMES.get(zkCode) ?? 'UNKNOWN', context);
  }
}

/** True when `err` is a ZkError with the given numeric ZooKeeper code. */
export function hasZkCode(err: unknown, zkCode: number): err is ZkError {
  return err instanceof ZkError && err.zkCode === zkCode;
}
