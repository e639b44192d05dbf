/**
 * Task and executor ids.
 *
 * A node's task id is `<nodeId>.<incarnation>`, so a status for an older
 * incarnation is told apart from the live one. The executor id is derived
 * from the task id, never from the node's name: names repeat across apps on
 * one agent and across relaunches, executor ids must not.
 */
import { InvalidIdError } from './task-errors';

/** Mesos' limit on id length (a file name component on the agent). */
export const MAX_ID_LENGTH = 255;

const EXECUTOR_SUFFIX = '.executor';

/**
 * Checks an id the way Mesos validates ids: non-empty, at most 255
 * characters, printable ASCII without whitespace, `/` or `\`, and not `.`
 * or `..`.
 *
 * @throws {InvalidIdError}
 */
export function validateId(id: string | null | undefined, what: string): string {
  const details = { what, id };
  if (!id) throw new InvalidIdError(`${what} is empty; give it a non-empty id`, details);
  if (id.length > MAX_ID_LENGTH) throw new InvalidIdError(`${what} ${JSON.stringify(id)} is longer than ${MAX_ID_LENGTH} characters`, details);
  if (id === '.' || id === '..') throw new InvalidIdError(`${what} must not be "." or ".."`, details);
  const bad = [...id].find((ch) => ch < '!' || ch > '~' || ch === '/' || ch === '\\');
  if (bad !== undefined) {
    throw new InvalidIdError(`${what} ${JSON.stringify(id)} contains ${JSON.stringify(bad)}; use printable ASCII without whitespace, "/" or "\\"`, details);
  }
  return id;
}

/** The task id of a node's incarnation: `<nodeId>.<incarnation>`. */
export function taskIdFor(nodeId: string, incarnation: number): string {
  if (!Number.isSafeInteger(incarnation) || incarnation < 0) {
    throw new InvalidIdError(`incarnation must be a whole number of at least 0, got ${incarnation}`, { nodeId, incarnation });
  }
  return validateId(`${nodeId}.${incarnation}`, 'task id');
}

/** The executor id of a task: unique per task incarnation. */
export function executorIdFor(taskId: string): string {
  return validateId(`${taskId}${EXECUTOR_SUFFIX}`, 'executor id');
}
