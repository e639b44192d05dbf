/** Failure modes of the node runtime, one class and stable code each. */
import { CatapultError, type CatapultErrorOptions } from '../util/catapult-error';

/** A stored app or node could not be brought back (corrupt, unknown machine or version, bad state). */
export class NodeRestoreError extends CatapultError {
  static readonly code = 'CATAPULT_NODE_RESTORE_FAILED';
  constructor(what: { appId: string; nodeId?: string }, reason: string, options: CatapultErrorOptions = {}) {
    const subject = what.nodeId === undefined ? `app ${what.appId}` : `node ${what.nodeId} of app ${what.appId}`;
    super(NodeRestoreError.code, `Could not restore ${subject}: ${reason}. It is left out; its record is kept untouched for inspection.`, {
      ...options,
      details: { ...what, ...options.details },
    });
  }
}

/** A node or app id is already hosted. */
export class NodeIdConflictError extends CatapultError {
  static readonly code = 'CATAPULT_NODE_ID_CONFLICT';
  constructor(kind: 'node' | 'app', id: string) {
    super(NodeIdConflictError.code, `A ${kind} with id ${JSON.stringify(id)} is already hosted; ids are unique across the framework.`, {
      details: { kind, id },
    });
  }
}

/** No hosted node or app has this id. */
export class NodeNotFoundError extends CatapultError {
  static readonly code = 'CATAPULT_NODE_NOT_FOUND';
  constructor(kind: 'node' | 'app', id: string) {
    super(NodeNotFoundError.code, `No ${kind} with id ${JSON.stringify(id)} is hosted.`, { details: { kind, id } });
  }
}

/** Persisting a node or app failed; its commands were not executed. */
export class NodePersistError extends CatapultError {
  static readonly code = 'CATAPULT_NODE_PERSIST_FAILED';
  constructor(what: { appId: string; nodeId?: string }, cause: unknown) {
    super(NodePersistError.code, `Persisting ${what.nodeId ?? what.appId} failed; its pending commands were held back.`, {
      cause,
      details: { ...what },
    });
  }
}

/** A command failed in the executor; it stays in the outbox and is retried. */
export class NodeCommandError extends CatapultError {
  static readonly code = 'CATAPULT_NODE_COMMAND_FAILED';
  constructor(what: { appId: string; nodeId: string; commandId: string; type: string }, cause: unknown) {
    super(NodeCommandError.code, `Command ${what.type} ${what.commandId} of node ${what.nodeId} failed; it stays queued and runs again on the next transition or restore.`, {
      cause,
      details: { ...what },
    });
  }
}
