/**
 * The colour of every state the dashboard shows, by category. The page's
 * dashboard.js carries the same category table (a unit test keeps the two
 * equal); the server uses it to light the current state in a statechart.
 */

/** How a state reads at a glance. */
export type StateCategory = 'ok' | 'progress' | 'warn' | 'bad' | 'done' | 'idle' | 'other';

/** Categories of the node, app and framework machines' states. Unknown (custom) states are `other`. */
export const STATE_CATEGORIES: Readonly<Record<string, StateCategory>> = Object.freeze({
  running: 'ok',
  pending: 'progress',
  launching: 'progress',
  staging: 'progress',
  starting: 'progress',
  unreachable: 'warn',
  killing: 'warn',
  relaunching: 'warn',
  failed: 'bad',
  lost: 'bad',
  finished: 'done',
  killed: 'idle',
  paused: 'idle',
  removed: 'idle',
  active: 'ok',
  initializing: 'progress',
  removing: 'warn',
  standby: 'idle',
  leading: 'progress',
  subscribing: 'progress',
  subscribed: 'ok',
  disconnected: 'warn',
  stopped: 'idle',
});

/** The fill colour of each category (the page's CSS uses the same values). */
export const CATEGORY_COLORS: Readonly<Record<StateCategory, string>> = Object.freeze({
  ok: '#15803d',
  progress: '#2563eb',
  warn: '#b45309',
  bad: '#dc2626',
  done: '#0f766e',
  idle: '#64748b',
  other: '#7c3aed',
});

/** The category of a state name or path (the last segment decides: `leading.subscribed` is `ok`). */
export function stateCategory(state: string): StateCategory {
  const last = state.split('.').pop() ?? state;
  return STATE_CATEGORIES[last] ?? 'other';
}
