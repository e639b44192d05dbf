/**
 * History entries as tuples: `[dt, from, to, kind, ...cause]`, where `dt` is
 * the offset from the previous entry's time (the first one's from the node's
 * creation), so a burst of transitions in one millisecond costs one digit each.
 *
 * Cause fields by kind (trailing absent fields left off):
 * - created, message: none
 * - mesos: taskId, state, reason, source, uuid, stale (1)
 * - operator: command; timer: name; other: type
 * - offer: offerId, agentId, reason
 */
import type { HistoryCause, HistoryEntry } from '../node/node-types';
import { keyCount, unencodable } from './codec-core';
import { CAUSE_KINDS, COMMAND_NAMES, SOURCE_NAMES, STATE_NAMES, TASK_STATE_NAMES, TIMER_NAMES, indexOf } from './codec-tables';
import type { NodeTupleReader, NodeTupleWriter } from './node-refs';

const STATE = indexOf(STATE_NAMES);
const TASK_STATE = indexOf(TASK_STATE_NAMES);
const KIND = indexOf(CAUSE_KINDS);
const COMMAND = indexOf(COMMAND_NAMES);
const TIMER = indexOf(TIMER_NAMES);
const SOURCE = indexOf(SOURCE_NAMES);

/** Drops trailing `null`s (absent optional fields). */
export function trimTail(tuple: unknown[]): unknown[] {
  let end = tuple.length;
  while (end > 0 && tuple[end - 1] === null) end--;
  if (end < tuple.length) tuple.length = end;
  return tuple;
}

/** Counts the optional fields that are present, rejecting present-but-undefined keys (JSON would drop them). */
function present(cause: Record<string, unknown>, ...keys: string[]): number {
  let n = 0;
  for (const key of keys) if (cause[key] !== undefined) n++;
  return n;
}

function encodeCause(w: NodeTupleWriter, cause: HistoryCause, out: unknown[]): void {
  const c = cause as unknown as Record<string, unknown>;
  const keys = keyCount(c);
  switch (c.kind) {
    case 'created':
    case 'message':
      if (keys !== 1) unencodable();
      return;
    case 'mesos':
      if (keys !== 3 + present(c, 'reason', 'source', 'uuid', 'stale')) unencodable();
      if (c.stale !== undefined && c.stale !== true) unencodable();
      out.push(w.task(c.taskId), w.name(TASK_STATE, c.state), w.optStr(c.reason), c.source === undefined ? null : w.name(SOURCE, c.source));
      out.push(c.uuid === undefined ? null : w.raw(c.uuid), c.stale ? 1 : null);
      return;
    case 'operator':
      if (keys !== 2) unencodable();
      out.push(w.name(COMMAND, c.command));
      return;
    case 'timer':
      if (keys !== 2) unencodable();
      out.push(w.name(TIMER, c.name));
      return;
    case 'offer':
      if (keys !== 1 + present(c, 'offerId', 'agentId', 'reason')) unencodable();
      out.push(w.optStr(c.offerId), w.optStr(c.agentId), w.optStr(c.reason));
      return;
    case 'other':
      if (keys !== 2) unencodable();
      out.push(w.str(c.type));
      return;
    default:
      unencodable();
  }
}

/** Encodes the journal; `createdAt` is the base of the first entry's offset. */
export function encodeHistory(w: NodeTupleWriter, history: readonly HistoryEntry[], createdAt: number): unknown[][] {
  const out: unknown[][] = [];
  let base = createdAt;
  for (let i = 0; i < history.length; i++) {
    const entry = history[i]!;
    if (keyCount(entry) !== 4) unencodable();
    const at = w.int(entry.at);
    const tuple: unknown[] = [w.time(at, base), entry.from === null ? null : w.name(STATE, entry.from), w.name(STATE, entry.to), KIND.get(entry.cause?.kind as string) ?? unencodable()];
    encodeCause(w, entry.cause, tuple);
    out.push(trimTail(tuple));
    base = at;
  }
  return out;
}

// Optional fields are set in the literal where the common cases allow it: an object
// built in one literal keeps every field in-object, one grown afterwards does not.
function decodeMesos(r: NodeTupleReader, t: unknown[]): HistoryCause {
  const kind = 'mesos' as const;
  const taskId = r.task(t[4]);
  const state = r.name(TASK_STATE_NAMES, t[5]) as Extract<HistoryCause, { kind: 'mesos' }>['state'];
  const [reason, source, uuid, stale] = [t[6], t[7], t[8], t[9]];
  if (reason == null && source == null && stale == null) return uuid == null ? { kind, taskId, state } : { kind, taskId, state, uuid: r.raw(uuid) };
  if (reason != null && source != null && uuid != null && stale == null) return { kind, taskId, state, reason: r.str(reason), source: r.name(SOURCE_NAMES, source), uuid: r.raw(uuid) };
  if (reason == null && source == null && uuid != null && stale != null) return { kind, taskId, state, uuid: r.raw(uuid), stale: true };
  return decodeMesosRare(r, t, taskId, state);
}

function decodeMesosRare(r: NodeTupleReader, t: unknown[], taskId: string, state: Extract<HistoryCause, { kind: 'mesos' }>['state']): HistoryCause {
  const cause: Extract<HistoryCause, { kind: 'mesos' }> = { kind: 'mesos', taskId, state };
  if (t[6] != null) cause.reason = r.str(t[6]);
  if (t[7] != null) cause.source = r.name(SOURCE_NAMES, t[7]);
  if (t[8] != null) cause.uuid = r.raw(t[8]);
  if (t[9] != null) cause.stale = true;
  return cause;
}

function decodeOffer(r: NodeTupleReader, t: unknown[]): HistoryCause {
  const kind = 'offer' as const;
  if (t.length === 6 && t[4] != null && t[5] != null) return { kind, offerId: r.str(t[4]), agentId: r.str(t[5]) };
  if (t.length === 7 && t[4] == null && t[5] == null) return { kind, reason: r.str(t[6]) };
  const cause: Extract<HistoryCause, { kind: 'offer' }> = { kind };
  if (t[4] != null) cause.offerId = r.str(t[4]);
  if (t[5] != null) cause.agentId = r.str(t[5]);
  if (t[6] != null) cause.reason = r.str(t[6]);
  return cause;
}

function decodeCause(r: NodeTupleReader, kind: string, t: unknown[]): HistoryCause {
  switch (kind) {
    case 'created':
    case 'message':
      return { kind } as HistoryCause;
    case 'mesos':
      return decodeMesos(r, t);
    case 'operator':
      return { kind, command: r.name(COMMAND_NAMES, t[4]) as never };
    case 'timer':
      return { kind, name: r.name(TIMER_NAMES, t[4]) as never };
    case 'offer':
      return decodeOffer(r, t);
    case 'other':
      return { kind, type: r.str(t[4]) };
    default:
      return r.corrupt(`unknown cause kind ${kind}`);
  }
}

/** Decodes the journal written by {@link encodeHistory}. */
export function decodeHistory(r: NodeTupleReader, value: unknown, createdAt: number): HistoryEntry[] {
  let base = createdAt;
  return r.list(value).map((tuple) => {
    const t = r.list(tuple);
    const at = r.time(t[0], base);
    base = at;
    return { at, from: t[1] === null ? null : r.name(STATE_NAMES, t[1]), to: r.name(STATE_NAMES, t[2]), cause: decodeCause(r, r.name(CAUSE_KINDS, t[3]), t) };
  });
}
