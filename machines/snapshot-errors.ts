/** Errors raised while loading a persisted snapshot envelope. */
import { CatapultError, type CatapultErrorOptions } from '../src/util/catapult-error';

/** The envelope names a machine this build does not know. */
export class SnapshotUnknownMachineError extends CatapultError {
  static readonly code = 'CATAPULT_SNAPSHOT_UNKNOWN_MACHINE';
  constructor(machineId: string, options: CatapultErrorOptions = {}) {
    super(SnapshotUnknownMachineError.code, `Snapshot is for unknown machine "${machineId}"; was it written by a newer or different application?`, {
      ...options,
      details: { machineId, ...options.details },
    });
  }
}

/** The envelope's version is newer than this build, or has no migration path. */
export class SnapshotUnsupportedVersionError extends CatapultError {
  static readonly code = 'CATAPULT_SNAPSHOT_UNSUPPORTED_VERSION';
  constructor(machineId: string, version: unknown, currentVersion: number, options: CatapultErrorOptions = {}) {
    super(
      SnapshotUnsupportedVersionError.code,
      `Snapshot of "${machineId}" has version ${String(version)}, this build reads versions up to ${currentVersion} with migrations; upgrade the scheduler or add a migration`,
      { ...options, details: { machineId, version, currentVersion, ...options.details } },
    );
  }
}

/** The envelope is not valid JSON, lacks a field, or a migration failed on it. */
export class SnapshotCorruptError extends CatapultError {
  static readonly code = 'CATAPULT_SNAPSHOT_CORRUPT';
  constructor(reason: string, options: CatapultErrorOptions = {}) {
    super(SnapshotCorruptError.code, `Snapshot is corrupt: ${reason}`, options);
  }
}
