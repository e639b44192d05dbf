/**
 * The persisted form of one machine actor: `{ machineId, version, snapshot }`.
 * xstate v5 has no snapshot versioning, so every snapshot is wrapped and old
 * ones are migrated (see `migrations.ts`) before `createActor` sees them.
 *
 * Two encodings are read: format 1, the envelope as a JSON object (what
 * earlier releases wrote, and what is still written for a snapshot the compact
 * form cannot represent exactly), and format 2, the compact tuple of
 * `persistence/compact-envelope.ts`, which {@link encodeEnvelope} writes.
 */
import { MACHINE_REGISTRY, type MachineRegistry, type PersistedSnapshotJson } from './migrations';
import { compactHeader, decodeCompactBody, encodeCompactEnvelope, encodeLiveSnapshot, isCompactEnvelope, type LiveSnapshot } from './persistence/compact-envelope';
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

/**
 * The envelope as compact JSON text (format 2), or as the format 1 JSON object
 * when the snapshot has a shape the compact form cannot restore exactly.
 * Identical envelopes give identical bytes, and `loadEnvelope` gives back a
 * snapshot equal (as JSON, key order included) to the one encoded.
 */
export function encodeEnvelope(envelope: SnapshotEnvelope<unknown>): string {
  return encodeCompactEnvelope(envelope) ?? encodeEnvelopeJson(envelope);
}

/** An actor whose envelope {@link encodeActorEnvelope} can write. */
export interface PersistableActor {
  getSnapshot(): unknown;
  getPersistedSnapshot(): unknown;
}

/**
 * The same text as `encodeEnvelope(toEnvelope(machineId, version, actor.getPersistedSnapshot(), meta))`,
 * cheaper: for a node actor whose context the compact codec accepts, it
 * encodes the live snapshot and skips `getPersistedSnapshot()`'s copy and
 * deep walk of the context.
 *
 * @example
 * const bytes = Buffer.from(encodeActorEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, actor, meta));
 */
export function encodeActorEnvelope(machineId: string, version: number, actor: PersistableActor, meta?: unknown): string {
  return (
    encodeLiveSnapshot(machineId, version, actor.getSnapshot() as LiveSnapshot, meta) ??
    encodeEnvelope(toEnvelope(machineId, version, actor.getPersistedSnapshot(), meta))
  );
}

/** The format 1 encoding: the envelope as a JSON object (readable, and read by every version). */
export function encodeEnvelopeJson(envelope: SnapshotEnvelope<unknown>): string {
  return JSON.stringify(envelope);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const utf8 = new TextDecoder();

function parse(raw: unknown): unknown {
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) return raw;
  const text = typeof raw === 'string' ? raw : utf8.decode(raw);
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
  const compact = isCompactEnvelope(value);
  if (!compact && !isObject(value)) throw new SnapshotCorruptError('envelope is neither an object nor a compact envelope');
  const { machineId, version, meta } = compact ? compactHeader(value) : (value as Record<string, unknown>);
  if (typeof machineId !== 'string') throw new SnapshotCorruptError('envelope has no machineId');
  const entry = registry[machineId];
  if (!entry) throw new SnapshotUnknownMachineError(machineId);
  if (!Number.isSafeInteger(version) || (version as number) < 1 || (version as number) > entry.version) {
    throw new SnapshotUnsupportedVersionError(machineId, version, entry.version);
  }
  const snapshot = compact ? decodeCompactBody(value) : (value as Record<string, unknown>).snapshot;
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
  return toEnvelope(machineId, entry.version, current, meta);
}
