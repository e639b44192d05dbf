/**
 * The node machine's (version 2) persisted snapshot as one tuple. Only the
 * context is stored: the rest of an active snapshot is constant (`status`
 * 'active', empty `historyValue` and `children`) and rebuilt on load.
 *
 * Layout: `[strings, value, appId, nodeId, incarnation, launched, failures,
 * stateName, pendingReason, agentId, hostname, executorId, offerId, ports,
 * lastStatus, killIntent, deadlines, outbox, commandSeq, history, options,
 * createdAt, extra?]`; times are offsets from `createdAt`, `options` is 0 when
 * it equals {@link FORMAT_2_OPTIONS}, and `extra` holds context fields added by
 * custom actions (plain JSON, in their order).
 */
import type { TaskStateName } from '../common/task-state';
import type { NodeContext, NodeOptions } from '../node/node-types';
import type { PersistedSnapshotJson } from '../migrations';
import { keyCount, unencodable } from './codec-core';
import { COMMAND_NAMES, FORMAT_2_OPTIONS, OPTION_KEYS, STATE_NAMES, TASK_STATE_NAMES, TIMER_NAMES, indexOf } from './codec-tables';
import { decodeHistory, encodeHistory, trimTail } from './node-history-codec';
import { decodeInts, decodeOutbox, encodeInts, encodeOutbox } from './node-outbox-codec';
import { NodeTupleReader, NodeTupleWriter } from './node-refs';
import { decodeActiveSnapshot, isConstantActive } from './snapshot-shape';

const STATE = indexOf(STATE_NAMES);
const TASK_STATE = indexOf(TASK_STATE_NAMES);
const COMMAND = indexOf(COMMAND_NAMES);
const TIMER = indexOf(TIMER_NAMES);
/** Fields of the node context (version 2). */
export const NODE_CONTEXT_KEYS = 20;
const KNOWN = new Set<string>(['appId', 'nodeId', 'incarnation', 'launched', 'failures', 'stateName', 'pendingReason', 'agentId', 'hostname', 'executorId', 'offerId', 'ports', 'lastStatus', 'killIntent', 'deadlines', 'outbox', 'commandSeq', 'history', 'options', 'createdAt']);

function encodeLastStatus(w: NodeTupleWriter, s: NodeContext['lastStatus'], createdAt: number): unknown {
  if (s === null) return null;
  const optional = (s.reason !== undefined ? 1 : 0) + (s.source !== undefined ? 1 : 0) + (s.message !== undefined ? 1 : 0);
  if (keyCount(s) !== 3 + optional) unencodable();
  return trimTail([w.task(s.taskId), w.name(TASK_STATE, s.state), w.time(s.at, createdAt), w.optStr(s.reason), w.optStr(s.source), s.message === undefined ? null : w.raw(s.message)]);
}

function decodeLastStatus(r: NodeTupleReader, value: unknown, createdAt: number): NodeContext['lastStatus'] {
  if (value === null) return null;
  const t = r.list(value);
  const [taskId, state, at] = [r.task(t[0]), r.name(TASK_STATE_NAMES, t[1]) as TaskStateName, r.time(t[2], createdAt)];
  // one literal for the common shapes keeps every field in-object
  if (t.length === 3) return { taskId, state, at };
  if (t.length === 5 && t[3] != null && t[4] != null) return { taskId, state, at, reason: r.str(t[3]), source: r.str(t[4]) };
  const s: NonNullable<NodeContext['lastStatus']> = { taskId, state, at };
  if (t[3] != null) s.reason = r.str(t[3]);
  if (t[4] != null) s.source = r.str(t[4]);
  if (t[5] != null) s.message = r.raw(t[5]);
  return s;
}

function encodeDeadlines(w: NodeTupleWriter, deadlines: NodeContext['deadlines'], createdAt: number): unknown[] {
  const flat: unknown[] = [];
  for (const name in deadlines) flat.push(w.name(TIMER, name), w.time(deadlines[name as keyof typeof deadlines], createdAt));
  return flat;
}

// A lone deadline (the usual case) is built as a literal: exact size, unlike `{}` grown by one key.
function singleDeadline(name: string, at: number): NodeContext['deadlines'] | undefined {
  switch (name) {
    case 'stable':
      return { stable: at };
    case 'relaunch':
      return { relaunch: at };
    case 'killRetry':
      return { killRetry: at };
    case 'launchTimeout':
      return { launchTimeout: at };
    case 'unreachable':
      return { unreachable: at };
    default:
      return undefined;
  }
}

function decodeDeadlines(r: NodeTupleReader, value: unknown, createdAt: number): NodeContext['deadlines'] {
  const flat = r.list(value);
  if (flat.length === 2) {
    const lone = singleDeadline(r.name(TIMER_NAMES, flat[0]), r.time(flat[1], createdAt));
    if (lone) return lone;
  }
  const deadlines: Record<string, number> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) deadlines[r.name(TIMER_NAMES, flat[i])] = r.time(flat[i + 1], createdAt);
  return deadlines;
}

function encodeOptions(options: NodeOptions): unknown {
  if (keyCount(options) !== OPTION_KEYS.length) unencodable();
  let isDefault = true;
  const values = OPTION_KEYS.map((key) => {
    const v = options[key];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) unencodable();
    if (v !== FORMAT_2_OPTIONS[key]) isDefault = false;
    return v;
  });
  return isDefault ? 0 : values;
}

function decodeOptions(r: NodeTupleReader, value: unknown): NodeOptions {
  const values = value === 0 ? OPTION_KEYS.map((key) => FORMAT_2_OPTIONS[key]) : r.list(value);
  if (values.length !== OPTION_KEYS.length) r.corrupt('options of the wrong length');
  const [backoffInitialMs, backoffMaxMs, stableAfterMs, killRetryMs, launchTimeoutMs, unreachableTimeoutMs, maxFailures, historyLimit] = values as never[];
  return { backoffInitialMs, backoffMaxMs, stableAfterMs, killRetryMs, launchTimeoutMs, unreachableTimeoutMs, maxFailures, historyLimit };
}

/** The node snapshot as a tuple (see the file header). Throws UNENCODABLE for anything it cannot restore exactly. */
export function encodeNodeSnapshot(snapshot: PersistedSnapshotJson): unknown[] {
  if (!isConstantActive(snapshot)) unencodable();
  const c = snapshot.context as unknown as NodeContext;
  let extra: Record<string, unknown> | undefined;
  if (keyCount(c) !== NODE_CONTEXT_KEYS) {
    extra = {};
    let known = 0;
    let extras = 0;
    for (const key in c) {
      if (!KNOWN.has(key)) {
        extra[key] = (c as unknown as Record<string, unknown>)[key];
        extras++;
      } else if (extras > 0) {
        unencodable(); // decoding puts extra fields last
      } else known++;
    }
    if (known !== NODE_CONTEXT_KEYS) unencodable();
  }
  const w = new NodeTupleWriter(c.nodeId);
  const createdAt = w.int(c.createdAt);
  if (typeof c.launched !== 'boolean') unencodable();
  const tuple: unknown[] = [
    w.strings,
    w.name(STATE, snapshot.value),
    w.raw(c.appId),
    w.raw(c.nodeId),
    w.int(c.incarnation),
    c.launched ? 1 : 0,
    w.int(c.failures),
    c.stateName === null ? null : w.name(STATE, c.stateName),
    w.nullStr(c.pendingReason),
    w.nullStr(c.agentId),
    w.nullStr(c.hostname),
    w.nullStr(c.executorId),
    w.nullStr(c.offerId),
    c.ports === null ? null : encodeInts(w, c.ports),
    encodeLastStatus(w, c.lastStatus, createdAt),
    c.killIntent === null ? null : w.name(COMMAND, c.killIntent),
    encodeDeadlines(w, c.deadlines, createdAt),
    encodeOutbox(w, c.outbox),
    w.int(c.commandSeq),
    encodeHistory(w, c.history, createdAt),
    encodeOptions(c.options),
    createdAt,
  ];
  if (extra) tuple.push(extra);
  return tuple;
}

/** The persisted snapshot a tuple from {@link encodeNodeSnapshot} stands for, exactly as xstate wrote it. */
export function decodeNodeSnapshot(value: unknown): PersistedSnapshotJson {
  const top = Array.isArray(value) ? value : [];
  if (top.length < 22) new NodeTupleReader([], '').corrupt('node tuple too short');
  const nodeId = typeof top[3] === 'string' ? top[3] : '';
  const r = new NodeTupleReader(Array.isArray(top[0]) ? top[0] : [], nodeId);
  r.raw(top[3]);
  const createdAt = r.int(top[21]);
  const context: NodeContext = {
    appId: r.raw(top[2]),
    nodeId,
    incarnation: r.int(top[4]),
    launched: top[5] === 1,
    failures: r.int(top[6]),
    stateName: top[7] === null ? null : r.name(STATE_NAMES, top[7]),
    pendingReason: r.optStr(top[8]),
    agentId: r.optStr(top[9]),
    hostname: r.optStr(top[10]),
    executorId: r.optStr(top[11]),
    offerId: r.optStr(top[12]),
    ports: top[13] === null ? null : decodeInts(r, top[13]),
    lastStatus: decodeLastStatus(r, top[14], createdAt),
    killIntent: top[15] === null ? null : (r.name(COMMAND_NAMES, top[15]) as NodeContext['killIntent']),
    deadlines: decodeDeadlines(r, top[16], createdAt),
    outbox: decodeOutbox(r, top[17]),
    commandSeq: r.int(top[18]),
    history: decodeHistory(r, top[19], createdAt),
    options: decodeOptions(r, top[20]),
    createdAt,
  };
  if (top.length > 22) {
    const extra = top[22];
    if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) r.corrupt('extra context is not an object');
    for (const key in extra) if (!KNOWN.has(key)) (context as unknown as Record<string, unknown>)[key] = (extra as Record<string, unknown>)[key];
  }
  return decodeActiveSnapshot(r.name(STATE_NAMES, top[1]), context as unknown as Record<string, unknown>);
}
