/**
 * The fixed vocabularies of the compact envelope (format 2). A name in one of
 * these tables is written as its index; any other string is written as-is, so
 * custom states or unknown enum values still round-trip.
 *
 * Every table is APPEND-ONLY: stored records refer to names by position, so
 * reordering or removing an entry would silently change what old records say.
 * `test/unit/machines/compact-codec-tables.test.ts` pins the current contents.
 */
import type { NodeOptions } from '../node/node-types';

/** The envelope format written by {@link encodeEnvelope}; format 1 is the JSON object `{ machineId, version, snapshot, meta }`. */
export const COMPACT_ENVELOPE_FORMAT = 2;

/** Node state names (value, `stateName`, history `from`/`to`). */
export const STATE_NAMES: readonly string[] = Object.freeze([
  'pending', 'launching', 'staging', 'starting', 'running', 'unreachable', 'killing',
  'finished', 'failed', 'killed', 'lost', 'relaunching', 'paused', 'removed', 'unknown',
]);

/** Mesos task states (history causes, `lastStatus`). */
export const TASK_STATE_NAMES: readonly string[] = Object.freeze([
  'TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED',
  'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED', 'TASK_UNREACHABLE', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR', 'TASK_UNKNOWN',
]);

/** History cause kinds, in the order the history codec dispatches on. */
export const CAUSE_KINDS: readonly string[] = Object.freeze(['created', 'mesos', 'message', 'operator', 'timer', 'offer', 'other']);

/** Operator commands (`operator` causes) and kill intents share one table. */
export const COMMAND_NAMES: readonly string[] = Object.freeze(['kill', 'remove', 'relaunch', 'pause', 'resume', 'send']);

/** Durable timer names (deadlines, `timer` causes). */
export const TIMER_NAMES: readonly string[] = Object.freeze(['relaunch', 'killRetry', 'launchTimeout', 'stable', 'unreachable']);

/** Outbox command types, in the order the command codec dispatches on. */
export const COMMAND_TYPES: readonly string[] = Object.freeze(['launch', 'kill', 'acknowledge', 'message']);

/** Mesos status sources. */
export const SOURCE_NAMES: readonly string[] = Object.freeze(['SOURCE_MASTER', 'SOURCE_AGENT', 'SOURCE_EXECUTOR']);

/** `NodeOptions` keys, in the order a non-default options tuple lists them. */
export const OPTION_KEYS: readonly (keyof NodeOptions)[] = Object.freeze([
  'backoffInitialMs', 'backoffMaxMs', 'stableAfterMs', 'killRetryMs', 'launchTimeoutMs', 'unreachableTimeoutMs', 'maxFailures', 'historyLimit',
]);

/**
 * The options an omitted options field stands for. Deliberately a frozen copy
 * rather than `DEFAULT_NODE_OPTIONS`: if a default changes in a later release,
 * records written before still load with the values they were written with.
 */
export const FORMAT_2_OPTIONS: Readonly<NodeOptions> = Object.freeze({
  backoffInitialMs: 1_000,
  backoffMaxMs: 300_000,
  stableAfterMs: 600_000,
  killRetryMs: 30_000,
  launchTimeoutMs: 300_000,
  unreachableTimeoutMs: 900_000,
  maxFailures: null,
  historyLimit: 50,
});

/** Name → index lookup for one table. */
export function indexOf(table: readonly string[]): ReadonlyMap<string, number> {
  return new Map(table.map((name, i) => [name, i]));
}
