/**
 * Shared pieces of the compact codecs: a writer that interns strings and
 * rejects anything it could not restore exactly, and a reader that resolves
 * references and rejects anything malformed.
 *
 * Conventions of the tuples: a number at a "string" position is a reference
 * (into a vocabulary table, or into the envelope's string table); a string is
 * the literal value; `null` marks an absent optional field, and trailing
 * absent fields are left off.
 */
import { SnapshotCorruptError } from '../snapshot-errors';

/**
 * Thrown by a writer for a value the compact form cannot represent exactly
 * (an unexpected key, a non-integer time, ...); the caller then writes the
 * JSON object form instead. A constant: nothing to capture on this path.
 */
export const UNENCODABLE: unique symbol = Symbol('catapult.unencodable');

/** Stops encoding (see {@link UNENCODABLE}). */
export function unencodable(): never {
  throw UNENCODABLE;
}

/** Own enumerable keys of a plain object, including those holding `undefined`. */
export function keyCount(value: object): number {
  let n = 0;
  for (const _ in value) n++;
  return n;
}

/** Encodes one snapshot's strings; create one per envelope. */
export class TupleWriter {
  /** Strings referred to by number, in first-use order. */
  readonly strings: string[] = [];

  /** A string, interned in the envelope's table. */
  str(value: unknown): number {
    if (typeof value !== 'string') unencodable();
    const i = this.strings.indexOf(value);
    if (i >= 0) return i;
    this.strings.push(value);
    return this.strings.length - 1;
  }

  /** An optional string (`undefined` is written as `null`, "absent"). */
  optStr(value: unknown): number | null {
    return value === undefined ? null : this.str(value);
  }

  /** A nullable string (`null` stays `null`). */
  nullStr(value: unknown): number | null {
    return value === null ? null : this.str(value);
  }

  /** A string written inline (values unlikely to repeat, e.g. status uuids). */
  raw(value: unknown): string {
    if (typeof value !== 'string') unencodable();
    return value;
  }

  /** A name from a vocabulary: its index, or the name itself when the vocabulary lacks it. */
  name(index: ReadonlyMap<string, number>, value: unknown): number | string {
    if (typeof value !== 'string') unencodable();
    const i = index.get(value);
    return i === undefined ? value : i;
  }

  /** An integer that JSON carries exactly. */
  int(value: unknown): number {
    if (!Number.isSafeInteger(value)) unencodable();
    return value as number;
  }
}

/** Decodes one snapshot's tuples. */
export class TupleReader {
  constructor(readonly strings: readonly unknown[]) {}

  /** Fails the whole load with `CATAPULT_SNAPSHOT_CORRUPT`. */
  corrupt(what: string): never {
    throw new SnapshotCorruptError(`compact envelope: ${what}`);
  }

  str(value: unknown): string {
    if (typeof value === 'string') return value;
    const s = typeof value === 'number' ? this.strings[value] : undefined;
    return typeof s === 'string' ? s : this.corrupt(`bad string reference ${String(value)}`);
  }

  optStr(value: unknown): string | null {
    return value === null || value === undefined ? null : this.str(value);
  }

  raw(value: unknown): string {
    return typeof value === 'string' ? value : this.corrupt('expected a string');
  }

  name(table: readonly string[], value: unknown): string {
    if (typeof value === 'string') return value;
    const s = typeof value === 'number' ? table[value] : undefined;
    return s !== undefined ? s : this.corrupt(`unknown name reference ${String(value)}`);
  }

  int(value: unknown): number {
    return Number.isSafeInteger(value) ? (value as number) : this.corrupt('expected an integer');
  }

  list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : this.corrupt('expected an array');
  }
}
