/**
 * The state store's own failure modes, one class and stable code each.
 * ZooKeeper failures that are not about the records (connection loss,
 * timeouts, an expired session) pass through as {@link ZkError}s.
 */
import { CatapultError } from '../util/catapult-error';

/** A record's version was not the expected one: someone else wrote it, or our view is stale. Re-read, then decide again. */
export class StoreVersionConflictError extends CatapultError {
  constructor(readonly path: string, expected: number | 'absent' | undefined, cause?: unknown) {
    super(
      'CATAPULT_STORE_VERSION_CONFLICT',
      `The write to ${path} expected ${expected === 'absent' || expected === undefined ? 'no record' : `version ${expected}`} but the stored record differs. Re-read the record before writing it again.`,
      { cause, details: { path, expectedVersion: expected } },
    );
  }
}

/** The store's leader epoch is no longer current: another leader was elected. Stop acting and rejoin the election. */
export class StoreFencedError extends CatapultError {
  constructor(readonly epoch: number, cause?: unknown) {
    super(
      'CATAPULT_STORE_FENCED',
      `This store was opened for leader epoch ${epoch}, which is no longer current: another leader has taken over. Stop acting, and open a new store after winning the election again.`,
      { cause, details: { epoch } },
    );
  }
}

/** An id cannot be a znode name (empty, contains '/', '.' or '..', or characters ZooKeeper rejects). */
export class StoreInvalidIdError extends CatapultError {
  constructor(kind: string, id: string) {
    super('CATAPULT_STORE_INVALID_ID', `Invalid ${kind} ${JSON.stringify(id)}: ids must be non-empty, not '.' or '..', and contain no '/' or control characters.`, {
      details: { kind, id },
    });
  }
}

/** One commit is larger than a ZooKeeper transaction may be (jute.maxbuffer, 1 MiB by default). */
export class StoreCommitTooLargeError extends CatapultError {
  constructor(bytes: number, limitBytes: number) {
    super('CATAPULT_STORE_COMMIT_TOO_LARGE', `A commit of ~${bytes} bytes exceeds the ${limitBytes}-byte limit of one ZooKeeper transaction. Split it into smaller commits or shrink the records.`, {
      details: { bytes, limitBytes },
    });
  }
}

/** A node was written for an app that has no record: put the app first (the same commit is fine). */
export class StoreAppNotFoundError extends CatapultError {
  constructor(readonly appId: string, cause?: unknown) {
    super('CATAPULT_STORE_APP_NOT_FOUND', `App ${JSON.stringify(appId)} has no record. Put the app before its nodes (earlier in the same commit is fine).`, {
      cause,
      details: { appId },
    });
  }
}

/** An app was deleted while it still has nodes: delete the nodes first (earlier in the same commit is fine). */
export class StoreAppNotEmptyError extends CatapultError {
  constructor(readonly appId: string, cause?: unknown) {
    super('CATAPULT_STORE_APP_NOT_EMPTY', `App ${JSON.stringify(appId)} still has nodes. Delete its nodes before the app (earlier in the same commit is fine).`, {
      cause,
      details: { appId },
    });
  }
}

/** The store was closed; open a new one. */
export class StoreClosedError extends CatapultError {
  constructor() {
    super('CATAPULT_STORE_CLOSED', 'This state store is closed. Open a new one (for example after winning the election again).');
  }
}
