/**
 * Outbox commands as tuples `[type, id, ...fields]` (trailing absent fields
 * left off), decoded with the key order the node machine creates them in:
 * - launch: taskId, agentId, hostname, offerId, ports
 * - kill: taskId, agentId
 * - acknowledge: agentId, taskId, uuid
 * - message: taskId, agentId, data, executorId
 */
import type { NodeCommand } from '../node/node-types';
import { keyCount, unencodable } from './codec-core';
import { COMMAND_TYPES } from './codec-tables';
import { trimTail } from './node-history-codec';
import type { NodeTupleReader, NodeTupleWriter } from './node-refs';

/** Integer arrays (ports) are written as they are. */
export function encodeInts(w: NodeTupleWriter, value: unknown): number[] {
  if (!Array.isArray(value)) unencodable();
  for (const n of value) w.int(n);
  return value as number[];
}

/** Reads an integer array written by {@link encodeInts}. */
export function decodeInts(r: NodeTupleReader, value: unknown): number[] {
  const list = r.list(value);
  for (const n of list) r.int(n);
  return list as number[];
}

function encodeCommand(w: NodeTupleWriter, c: Record<string, unknown>): unknown[] {
  const keys = keyCount(c);
  const id = w.commandId(c.id);
  switch (c.type) {
    case 'launch':
      if (keys !== (c.ports === undefined ? 6 : 7)) unencodable();
      return trimTail([0, id, w.task(c.taskId), w.str(c.agentId), w.str(c.hostname), w.str(c.offerId), c.ports === undefined ? null : encodeInts(w, c.ports)]);
    case 'kill':
      if (keys !== (c.agentId === undefined ? 3 : 4)) unencodable();
      return trimTail([1, id, w.task(c.taskId), w.optStr(c.agentId)]);
    case 'acknowledge':
      if (keys !== 5) unencodable();
      return [2, id, w.str(c.agentId), w.task(c.taskId), w.raw(c.uuid)];
    case 'message':
      if (keys !== (c.executorId === undefined ? 5 : 6)) unencodable();
      return trimTail([3, id, w.task(c.taskId), w.str(c.agentId), w.raw(c.data), w.optStr(c.executorId)]);
    default:
      return unencodable();
  }
}

/** Encodes the outbox. */
export function encodeOutbox(w: NodeTupleWriter, outbox: readonly NodeCommand[]): unknown[][] {
  const out: unknown[][] = [];
  for (const command of outbox) out.push(encodeCommand(w, command as unknown as Record<string, unknown>));
  return out;
}

// Each shape is one literal (with `id` last, as the machine adds it), so every field stays in-object.
function decodeCommand(r: NodeTupleReader, t: unknown[]): NodeCommand {
  const type = r.name(COMMAND_TYPES, t[0]);
  const id = r.commandId(t[1]);
  switch (type) {
    case 'launch': {
      const [taskId, agentId, hostname, offerId] = [r.task(t[2]), r.str(t[3]), r.str(t[4]), r.str(t[5])];
      return t[6] == null ? { type, taskId, agentId, hostname, offerId, id } : { type, taskId, agentId, hostname, offerId, ports: decodeInts(r, t[6]), id };
    }
    case 'kill':
      return t[3] == null ? { type, taskId: r.task(t[2]), id } : { type, taskId: r.task(t[2]), agentId: r.str(t[3]), id };
    case 'acknowledge':
      return { type, agentId: r.str(t[2]), taskId: r.task(t[3]), uuid: r.raw(t[4]), id };
    case 'message': {
      const [taskId, agentId, data] = [r.task(t[2]), r.str(t[3]), r.raw(t[4])];
      return t[5] == null ? { type, taskId, agentId, data, id } : { type, taskId, agentId, data, executorId: r.str(t[5]), id };
    }
    default:
      return r.corrupt(`unknown command type ${type}`);
  }
}

/** Decodes the outbox written by {@link encodeOutbox}. */
export function decodeOutbox(r: NodeTupleReader, value: unknown): NodeCommand[] {
  return r.list(value).map((t) => decodeCommand(r, r.list(t)));
}
