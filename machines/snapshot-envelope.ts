/**
 * The persisted form of one machine actor: `{ machineId, version, snapshot }`.
 * xstate v5 has no snapshot versioning, so every snapshot is wrapped and old
 * ones are migrated (see `migrations.ts`) before `createActor` sees them.
 */
import { MACHINE_REGISTRY, type MachineRegistry, type PersistedSnapshotJson } from './migrations';
import { SnapshotCorruptError, SnapshotUnknownMachineError, SnapshotUnsupportedVersionError } from './snapshot-errors';

export interface SnapshotEnvelope<TSnapshot = PersistedSnapshotJson> {
  machineId: string;
  version: number;
  snapshot: TSnapshot;
  /** What the runtime keeps beside the machine (e.g. the node's task template); JSON, not migrated. */
  meta?: unknown;
}

/** Wraps a persisted snapshot (from `actor.getPersistedSnapshot()`). */
export function toEnvelope<T>(machineId: string, version: number, snapshot: T, meta?: unknown): SnapshotEnvelope<T> {
  return meta === undefined ? { machineId, version, snapshot } : { machineId, version, snapshot, meta };
}

/** The envelope as JSON text; identical envelopes give identical bytes. */
export function encodeEnvelope(envelope: SnapshotEnvelope<unknown>): string {
  return JSON.stringify(envelope);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(raw: unknown): unknown {
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) return raw;
  const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SnapshotCorruptError('not valid JSON', { cause, details: { length: text.length } });
  }
}

/**
 * Reads an envelope (JSON text, bytes or an already parsed object), checks it
 * and migrates it to the current version of its machine.
 *
 * @throws SnapshotCorruptError `CATAPULT_SNAPSHOT_CORRUPT` for bad JSON, missing fields or a failing migration
 * @throws SnapshotUnknownMachineError `CATAPULT_SNAPSHOT_UNKNOWN_MACHINE`
 * @throws SnapshotUnsupportedVersionError `CATAPULT_SNAPSHOT_UNSUPPORTED_VERSION`
 * @example
 * const { snapshot } = loadEnvelope(bytes);
 * const actor = createActor(nodeMachine, { snapshot: snapshot as never });
 */
export function loadEnvelope(raw: unknown, registry: Readonly<MachineRegistry> = MACHINE_REGISTRY): SnapshotEnvelope {
  const value = parse(raw);
  if (!isObject(value)) throw new SnapshotCorruptError('envelope is not an object');
  const { machineId, version, snapshot } = value;
  if (typeof machineId !== 'string') throw new SnapshotCorruptError('envelope has no machineId');
  const entry = registry[machineId];
  if (!entry) throw new SnapshotUnknownMachineError(machineId);
  if (!Number.isSafeInteger(version) || (version as number) < 1 || (version as number) > entry.version) {
    throw new SnapshotUnsupportedVersionError(machineId, version, entry.version);
  }
  if (!isObject(snapshot)) throw new SnapshotCorruptError('envelope has no snapshot object', { details: { machineId } });
  let current = snapshot as PersistedSnapshotJson;
  for (let v = version as number; v < entry.version; v++) {
    const migrate = entry.migrations[v];
    if (!migrate) throw new SnapshotUnsupportedVersionError(machineId, version, entry.version, { details: { missingMigrationFrom: v } });
    try {
      current = migrate(current);
    } catch (cause) {
      throw new SnapshotCorruptError(`migration of "${machineId}" from version ${v} failed`, { cause, details: { machineId, version: v } });
    }
  }
  if (typeof current.status !== 'string' || current.value === undefined || !isObject(current.context)) {
    throw new SnapshotCorruptError('snapshot lacks status, value or context', { details: { machineId, version } });
  }
  return toEnvelope(machineId, entry.version, current, value.meta);
}
