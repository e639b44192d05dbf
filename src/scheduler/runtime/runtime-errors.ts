/**
 * The scheduler runtime's own failure modes, one class and stable code each.
 */
import { CatapultError } from '../../util/catapult-error';

/** The stored framework record cannot be read. */
export class CorruptFrameworkRecordError extends CatapultError {
  constructor(what: string, cause?: unknown) {
    super(
      'CATAPULT_FRAMEWORK_RECORD_CORRUPT',
      `The framework record in ZooKeeper is unreadable (${what}). Inspect /<root>/framework; deleting it makes the scheduler register as a new framework.`,
      { cause, details: { what } },
    );
  }
}

/** Mesos refused the stored FrameworkID: the framework was torn down or its failover timeout elapsed. */
export class FrameworkRemovedError extends CatapultError {
  constructor(readonly frameworkId: string, mesosMessage: string) {
    super(
      'CATAPULT_FRAMEWORK_REMOVED',
      `Mesos removed framework ${frameworkId} ("${mesosMessage}"): its tasks are gone and the id cannot be used again. Set onFrameworkRemoved: 'register-new' to register as a new framework.`,
      { details: { frameworkId, mesosMessage } },
    );
  }
}

/** The runtime was asked to act while it does not lead (standby, suspended, stopped). */
export class NotLeaderError extends CatapultError {
  constructor(readonly operation: string) {
    super('CATAPULT_SCHEDULER_NOT_LEADER', `${operation}: this scheduler is not the leader now; retry once it leads (after the connected callback).`, {
      details: { operation },
    });
  }
}

/** The runtime was stopped. */
export class RuntimeStoppedError extends CatapultError {
  constructor(readonly operation: string) {
    super('CATAPULT_SCHEDULER_STOPPED', `${operation}: the scheduler runtime is stopped; create a new one.`, { details: { operation } });
  }
}

/** An app id is not hosted by this runtime. */
export class UnknownAppError extends CatapultError {
  constructor(readonly appId: string) {
    super('CATAPULT_SCHEDULER_UNKNOWN_APP', `No app ${JSON.stringify(appId)} is hosted; create it first.`, { details: { appId } });
  }
}

/** A node id is not hosted by this runtime. */
export class UnknownNodeError extends CatapultError {
  constructor(readonly nodeId: string) {
    super('CATAPULT_SCHEDULER_UNKNOWN_NODE', `No node ${JSON.stringify(nodeId)} is hosted; it was never added or has been removed.`, {
      details: { nodeId },
    });
  }
}
