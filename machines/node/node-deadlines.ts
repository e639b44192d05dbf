import type { NodeContext, NodeTimerName } from './node-types';

/** A deadline the runtime must arm: send `{ type: 'timer', name, at }` once `at` is reached. */
export interface DueDeadline {
  name: NodeTimerName;
  /** Absolute time, ms since the epoch. */
  at: number;
}

/**
 * The deadlines a node is waiting for, earliest first. The runtime calls it
 * after every transition and after a restore, and arms one timer per entry;
 * a timer that fires late is fine (the machine compares `at` to the deadline).
 *
 * @example
 * for (const { name, at } of dueDeadlines(actor.getSnapshot().context)) {
 *   clock.setTimeout(() => actor.send({ type: 'timer', name, at: clock.now() }), at - clock.now());
 * }
 */
export function dueDeadlines(context: Pick<NodeContext, 'deadlines'>): DueDeadline[] {
  const due: DueDeadline[] = [];
  for (const [name, at] of Object.entries(context.deadlines)) {
    if (typeof at === 'number') due.push({ name: name as NodeTimerName, at });
  }
  return due.sort((a, b) => a.at - b.at);
}
