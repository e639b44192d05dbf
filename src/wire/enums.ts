/**
 * Enum values in plain messages are the generated numeric enums
 * (`mesos.v1.TaskState.TASK_RUNNING`). These helpers map numbers to names and
 * back; a number a newer Mesos added is not an error, it just has no name.
 */
import { mesos } from '../../proto/gen/mesos';

/** An enum object as generated: names to numbers, and numbers back to names. */
export type EnumObject = Record<string | number, string | number>;

/** The name of `value` in `enumObject`, or `undefined` when the enum does not define it. */
export function enumName(enumObject: object, value: number | null | undefined): string | undefined {
  if (typeof value !== 'number') return undefined;
  const name = (enumObject as EnumObject)[value];
  return typeof name === 'string' ? name : undefined;
}

/** The number of the value named `name` in `enumObject`, or `undefined`. */
export function enumValue(enumObject: object, name: string): number | undefined {
  if (!Object.prototype.hasOwnProperty.call(enumObject, name)) return undefined;
  const value = (enumObject as EnumObject)[name];
  return typeof value === 'number' ? value : undefined;
}

/** A label for logs: the name, or `UNKNOWN(<n>)` for a value the enum does not define. */
export function enumLabel(enumObject: object, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'ABSENT';
  return enumName(enumObject, value) ?? `UNKNOWN(${value})`;
}

/** `TASK_RUNNING` for 1, `undefined` for an unknown state. */
export const taskStateName = (state: number | null | undefined): string | undefined =>
  enumName(mesos.v1.TaskState, state);

/** `REASON_RECONCILIATION` for 9, ... */
export const reasonName = (reason: number | null | undefined): string | undefined =>
  enumName(mesos.v1.TaskStatus.Reason, reason);

/** `SOURCE_EXECUTOR` for 2, ... */
export const sourceName = (source: number | null | undefined): string | undefined =>
  enumName(mesos.v1.TaskStatus.Source, source);

/** `HEARTBEAT` for 8, ... */
export const schedulerEventTypeName = (type: number | null | undefined): string | undefined =>
  enumName(mesos.v1.scheduler.Event.Type, type);

/** `DECLINE` for 4, ... */
export const schedulerCallTypeName = (type: number | null | undefined): string | undefined =>
  enumName(mesos.v1.scheduler.Call.Type, type);

/** `HEARTBEAT` for 9, ... */
export const executorEventTypeName = (type: number | null | undefined): string | undefined =>
  enumName(mesos.v1.executor.Event.Type, type);

/** `UPDATE` for 2, ... */
export const executorCallTypeName = (type: number | null | undefined): string | undefined =>
  enumName(mesos.v1.executor.Call.Type, type);
