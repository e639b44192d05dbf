/**
 * The constant parts of an active machine snapshot. `getPersistedSnapshot()`
 * returns `{ status, output, error, value, historyValue, context, children }`;
 * for an active actor with no history states and no children only `value` and
 * `context` carry information, and JSON drops the undefined `output`/`error`.
 */
import type { PersistedSnapshotJson } from '../migrations';

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const _ in value) return false;
  return true;
}

/** True when the snapshot is exactly `{ status: 'active', value, historyValue: {}, context, children: {} }` as JSON. */
export function isConstantActive(snapshot: PersistedSnapshotJson): boolean {
  if (snapshot.status !== 'active' || !isEmptyObject(snapshot.historyValue) || !isEmptyObject(snapshot.children)) return false;
  const context = snapshot.context;
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return false;
  for (const key in snapshot) {
    if (key === 'status' || key === 'value' || key === 'historyValue' || key === 'context' || key === 'children') continue;
    if ((key === 'output' || key === 'error') && snapshot[key] === undefined) continue;
    return false;
  }
  return true;
}

/** The persisted snapshot with the constant parts filled back, in the key order xstate writes. */
export function decodeActiveSnapshot(value: unknown, context: Record<string, unknown>): PersistedSnapshotJson {
  return { status: 'active', value, historyValue: {}, context, children: {} };
}
