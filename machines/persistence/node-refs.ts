/**
 * Node-relative references: a task id `<nodeId>.<n>` is written as `n`, a
 * command id `<nodeId>#<n>` as `n`, and times as offsets from a base time;
 * anything that does not have the expected form is written literally.
 */
import { TupleReader, TupleWriter, unencodable } from './codec-core';

/** Parses the decimal suffix of `value` after `prefix`, or returns -1 when it is not exactly that form. */
function suffixNumber(value: string, prefix: string): number {
  if (value.length <= prefix.length || !value.startsWith(prefix)) return -1;
  const rest = value.slice(prefix.length);
  const n = Number(rest);
  return Number.isSafeInteger(n) && n >= 0 && String(n) === rest ? n : -1;
}

/** A writer for one node's snapshot. */
export class NodeTupleWriter extends TupleWriter {
  private readonly taskPrefix: string;
  private readonly commandPrefix: string;

  constructor(readonly nodeId: string) {
    super();
    this.taskPrefix = `${nodeId}.`;
    this.commandPrefix = `${nodeId}#`;
  }

  task(value: unknown): number | string {
    if (typeof value !== 'string') unencodable();
    const n = suffixNumber(value, this.taskPrefix);
    return n >= 0 ? n : value;
  }

  commandId(value: unknown): number | string {
    if (typeof value !== 'string') unencodable();
    const n = suffixNumber(value, this.commandPrefix);
    return n >= 0 ? n : value;
  }

  /** A time as an offset from `base`; both must be integers so the sum is exact. */
  time(value: unknown, base: number): number {
    const offset = this.int(value) - base;
    return Number.isSafeInteger(offset) ? offset : unencodable();
  }
}

/** A reader for one node's snapshot; equal task ids decode to one string. */
export class NodeTupleReader extends TupleReader {
  private readonly tasks: string[] = [];

  constructor(strings: readonly unknown[], readonly nodeId: string) {
    super(strings);
  }

  task(value: unknown): string {
    if (typeof value === 'string') return value;
    const n = this.int(value);
    if (n < 0) this.corrupt('negative incarnation');
    return (this.tasks[n] ??= `${this.nodeId}.${n}`);
  }

  commandId(value: unknown): string {
    if (typeof value === 'string') return value;
    const n = this.int(value);
    if (n < 0) this.corrupt('negative command number');
    return `${this.nodeId}#${n}`;
  }

  time(value: unknown, base: number): number {
    const at = this.int(value) + base;
    return Number.isSafeInteger(at) ? at : this.corrupt('time out of range');
  }
}
