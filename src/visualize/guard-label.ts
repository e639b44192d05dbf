/**
 * Turns an xstate guard reference into the short text a diagram shows:
 * `shouldRelaunch`, `isStatus(TASK_FINISHED)`, `and(!killedByUser, shouldRelaunch)`.
 */

/** Array parameters longer than this are cut, so that one edge label stays readable. */
const MAX_LISTED_VALUES = 4;

function paramText(value: unknown): string {
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_LISTED_VALUES).map(paramText);
    const rest = value.length - shown.length;
    return rest > 0 ? `${shown.join('|')}|…+${rest}` : shown.join('|');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}=${paramText(v)}`)
      .join(', ');
  }
  return String(value);
}

function paramsText(params: unknown): string {
  if (params === undefined || params === null) return '';
  if (typeof params !== 'object' || Array.isArray(params)) return `(${paramText(params)})`;
  const values = Object.values(params as Record<string, unknown>);
  // A single named parameter reads better without its name: isDue(stable), not isDue(name=stable).
  return values.length === 1 ? `(${paramText(values[0])})` : `(${paramText(params)})`;
}

/**
 * The label of a guard: its name, its parameters, and the structure of
 * `and`/`or`/`not` combinators. An inline function shows its name, or
 * `inline` when it has none.
 */
export function guardLabel(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const fn = guard as { name?: string; guards?: unknown[] };
    if (Array.isArray(fn.guards)) {
      const parts = fn.guards.map((g) => guardLabel(g) ?? 'inline');
      if (fn.name === 'not') return `!${parts[0]}`;
      return `${fn.name}(${parts.join(', ')})`;
    }
    return fn.name && fn.name !== 'guard' ? fn.name : 'inline';
  }
  if (typeof guard === 'object') {
    const { type, params } = guard as { type?: unknown; params?: unknown };
    if (typeof type === 'string') return `${type}${paramsText(params)}`;
  }
  return 'inline';
}
