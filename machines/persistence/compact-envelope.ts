/**
 * Envelope format 2: `[2, machineId, version, codec, body, meta?]` as JSON.
 *
 * Every transition rewrites a node's envelope and ZooKeeper's write rate is
 * bound by bytes, so the body drops what the format 1 object repeats in every
 * record: key names, the constant parts of an active snapshot, default
 * options, state and enum names, the node id inside task and command ids, and
 * the high digits of every time.
 *
 * Body codecs (the id is stored, so a reader never has to guess):
 * - 0: any machine, active with no history states or children: `[value, context]`.
 * - 1: node machine version 2: the tuple of `node-codec.ts`.
 * A snapshot neither can represent exactly is written as format 1.
 *
 * Not deflated. Measured on our 2-core machines (scripts/bench/nodes-bench.ts):
 * deflateRaw of a 12-entry node (~800 B → ~300 B) costs 14–22 µs of client
 * CPU per write, while shrinking records by 1.1 KB saved ZooKeeper only
 * ~10 µs of server CPU per write (≈ 5 µs for deflate's 0.5 KB); both share
 * the same two cores, and restore would pay an inflate per record. It would
 * also need `node:zlib` (machines/ is platform-free) and binary output, which
 * the `string` returned by `encodeEnvelope` cannot carry.
 */
import { NODE_MACHINE_ID } from '../node/node-machine';
import type { PersistedSnapshotJson } from '../migrations';
import type { SnapshotEnvelope } from '../snapshot-envelope';
import { SnapshotCorruptError } from '../snapshot-errors';
import { UNENCODABLE, keyCount } from './codec-core';
import { COMPACT_ENVELOPE_FORMAT } from './codec-tables';
import { NODE_CONTEXT_KEYS, decodeNodeSnapshot, encodeNodeSnapshot } from './node-codec';
import { decodeActiveSnapshot, isConstantActive } from './snapshot-shape';

const GENERIC_CODEC = 0;
const NODE_V2_CODEC = 1;

/** The compact text of an envelope, or `undefined` when only format 1 can represent its snapshot exactly. */
export function encodeCompactEnvelope(envelope: SnapshotEnvelope<unknown>): string | undefined {
  const snapshot = envelope.snapshot as PersistedSnapshotJson;
  if (typeof snapshot !== 'object' || snapshot === null) return undefined;
  let codec = GENERIC_CODEC;
  let body: unknown;
  if (envelope.machineId === NODE_MACHINE_ID && envelope.version === 2) {
    try {
      body = encodeNodeSnapshot(snapshot);
      codec = NODE_V2_CODEC;
    } catch (error) {
      if (error !== UNENCODABLE) throw error;
    }
  }
  if (body === undefined) {
    if (!isConstantActive(snapshot)) return undefined;
    body = [snapshot.value, snapshot.context];
  }
  const tuple: unknown[] = [COMPACT_ENVELOPE_FORMAT, envelope.machineId, envelope.version, codec, body];
  if (envelope.meta !== undefined) tuple.push(envelope.meta);
  return JSON.stringify(tuple);
}

/** What {@link encodeLiveSnapshot} reads of a running actor's snapshot. */
export interface LiveSnapshot {
  status: unknown;
  value: unknown;
  context: unknown;
  children?: unknown;
  historyValue?: unknown;
}

/**
 * The compact text of a node actor's envelope built from its live snapshot,
 * or `undefined` when only `getPersistedSnapshot()` can tell what to write.
 * `getPersistedSnapshot()` copies the snapshot and walks the whole context
 * looking for actor refs; a node context that passes the codec's type checks
 * holds none, so the persisted snapshot would be this same context.
 */
export function encodeLiveSnapshot(machineId: string, version: number, live: LiveSnapshot, meta: unknown): string | undefined {
  if (machineId !== NODE_MACHINE_ID || version !== 2 || live.status !== 'active') return undefined;
  const { value, context, children, historyValue } = live;
  if (typeof context !== 'object' || context === null || keyCount(context) !== NODE_CONTEXT_KEYS) return undefined;
  const persisted = { status: 'active', value, historyValue, context, children } as PersistedSnapshotJson;
  let body: unknown;
  try {
    body = encodeNodeSnapshot(persisted);
  } catch (error) {
    if (error !== UNENCODABLE) throw error;
    return undefined;
  }
  return JSON.stringify(meta === undefined ? [COMPACT_ENVELOPE_FORMAT, machineId, version, NODE_V2_CODEC, body] : [COMPACT_ENVELOPE_FORMAT, machineId, version, NODE_V2_CODEC, body, meta]);
}

/** The header of a compact envelope, before its body is decoded. */
export interface CompactHeader {
  machineId: unknown;
  version: unknown;
  meta: unknown;
}

/** True for a parsed format 2 envelope. */
export function isCompactEnvelope(value: unknown): value is unknown[] {
  return Array.isArray(value) && value[0] === COMPACT_ENVELOPE_FORMAT && value.length >= 5 && value.length <= 6;
}

/** The machine id, version and meta of a parsed compact envelope. */
export function compactHeader(value: readonly unknown[]): CompactHeader {
  return { machineId: value[1], version: value[2], meta: value.length > 5 ? value[5] : undefined };
}

/**
 * The persisted snapshot a compact envelope holds, exactly as xstate wrote it.
 *
 * @throws SnapshotCorruptError `CATAPULT_SNAPSHOT_CORRUPT` for an unknown codec or a malformed body
 */
export function decodeCompactBody(value: readonly unknown[]): PersistedSnapshotJson {
  const codec = value[3];
  const body = value[4];
  try {
    if (codec === NODE_V2_CODEC) return decodeNodeSnapshot(body);
    if (codec === GENERIC_CODEC && Array.isArray(body) && body.length === 2 && typeof body[1] === 'object' && body[1] !== null && !Array.isArray(body[1])) {
      return decodeActiveSnapshot(body[0], body[1] as Record<string, unknown>);
    }
  } catch (cause) {
    if (cause instanceof SnapshotCorruptError) throw cause;
    throw new SnapshotCorruptError('compact envelope body is malformed', { cause, details: { machineId: value[1], codec } });
  }
  throw new SnapshotCorruptError(`compact envelope has an unknown body codec ${String(codec)}`, { details: { machineId: value[1] } });
}
