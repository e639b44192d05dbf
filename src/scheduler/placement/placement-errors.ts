/**
 * Errors of placement: what the app asked for cannot be understood.
 */
import { CatapultError } from '../../util';

/** A SchedulerConstraint is malformed: unknown type, missing field or value, bad regex or count. */
export class InvalidConstraintError extends CatapultError {
  constructor(message: string, details: Record<string, unknown>, cause?: unknown) {
    super('CATAPULT_PLACEMENT_INVALID_CONSTRAINT', message, { details, cause });
  }
}
