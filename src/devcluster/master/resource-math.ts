/**
 * Resource arithmetic for offers: add, subtract and containment over lists of
 * `mesos.v1.Resource`.
 *
 * Scalars are kept in thousandths, as Mesos keeps them, so splitting an offer
 * into tasks never drifts (0.1 + 0.2 cpus is exactly 0.3). Ranges are
 * inclusive and kept sorted and merged. Two resources are the same kind when
 * name, type, role, reservation and disk info agree; `allocation_info` is not
 * part of the identity (the master stamps it on offers and strips it on return).
 */
import { mesos } from '../../../proto/gen/mesos';

type Range = readonly [number, number];

interface Entry {
  readonly template: mesos.v1.IResource;
  readonly type: mesos.v1.Value.Type;
  scalarMilli: number;
  ranges: Range[];
  set: Set<string>;
}

const { SCALAR, RANGES, SET } = mesos.v1.Value.Type;

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  if (value && typeof value === 'object' && 'toNumber' in value) return (value as { toNumber(): number }).toNumber();
  return Number(value);
}

function identity(r: mesos.v1.IResource): string {
  return JSON.stringify([r.name, r.type ?? SCALAR, r.role ?? '*', r.reservation ?? null, r.reservations ?? [], r.disk ?? null, r.revocable ? 1 : 0, r.shared ? 1 : 0]);
}

function normalize(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [begin, end] of sorted) {
    const last = out[out.length - 1];
    if (last && begin <= last[1] + 1) last[1] = Math.max(last[1], end);
    else out.push([begin, end]);
  }
  return out;
}

function subtractRanges(from: Range[], remove: Range[]): Range[] {
  let current: Range[] = from;
  for (const [rb, re] of remove) {
    const next: Range[] = [];
    for (const [b, e] of current) {
      if (re < b || rb > e) next.push([b, e]);
      else {
        if (rb > b) next.push([b, rb - 1]);
        if (re < e) next.push([re + 1, e]);
      }
    }
    current = next;
  }
  return normalize(current);
}

function rangesContain(outer: Range[], inner: Range[]): boolean {
  return inner.every(([b, e]) => outer.some(([ob, oe]) => ob <= b && e <= oe));
}

/** An immutable multiset of resources. */
export class Resources {
  private constructor(private readonly entries: ReadonlyMap<string, Entry>) {}

  static readonly empty = new Resources(new Map());

  /** Builds a bag from wire resources, merging entries of the same kind. */
  static from(list: readonly mesos.v1.IResource[] | null | undefined): Resources {
    const entries = new Map<string, Entry>();
    for (const r of list ?? []) {
      const key = identity(r);
      const { allocation_info: _drop, scalar: _s, ranges: _r, set: _t, ...template } = r;
      const entry = entries.get(key) ?? { template, type: r.type ?? SCALAR, scalarMilli: 0, ranges: [], set: new Set<string>() };
      if (entry.type === SCALAR) entry.scalarMilli += Math.round(toNumber(r.scalar?.value ?? 0) * 1000);
      if (entry.type === RANGES) entry.ranges = normalize([...entry.ranges, ...(r.ranges?.range ?? []).map((x) => [toNumber(x.begin), toNumber(x.end)] as const)]);
      if (entry.type === SET) for (const item of r.set?.item ?? []) entry.set.add(item);
      entries.set(key, entry);
    }
    return new Resources(entries);
  }

  /** True when nothing is left (zero scalars, no ranges, empty sets). */
  isEmpty(): boolean {
    for (const e of this.entries.values()) if (e.scalarMilli > 0 || e.ranges.length > 0 || e.set.size > 0) return false;
    return true;
  }

  /** The amount of a scalar resource, in thousandths, summed over roles. */
  scalarMilli(name: string): number {
    let total = 0;
    for (const e of this.entries.values()) if (e.template.name === name && e.type === SCALAR) total += e.scalarMilli;
    return total;
  }

  /** True when every resource of `other` is inside this bag. */
  contains(other: Resources): boolean {
    for (const [key, o] of other.entries) {
      const mine = this.entries.get(key);
      const empty = o.scalarMilli === 0 && o.ranges.length === 0 && o.set.size === 0;
      if (!mine) {
        if (empty) continue;
        return false;
      }
      if (o.scalarMilli > mine.scalarMilli) return false;
      if (!rangesContain(mine.ranges, o.ranges)) return false;
      for (const item of o.set) if (!mine.set.has(item)) return false;
    }
    return true;
  }

  /** The sum of many bags, accumulated in place: one copy in all rather than one per bag. */
  static sum(bags: Iterable<Resources>): Resources {
    const entries = new Map<string, Entry>();
    for (const bag of bags) {
      for (const [key, o] of bag.entries) {
        const mine = entries.get(key);
        if (!mine) {
          entries.set(key, { ...o, ranges: [...o.ranges], set: new Set(o.set) });
          continue;
        }
        mine.scalarMilli += o.scalarMilli;
        if (o.ranges.length > 0) mine.ranges = normalize([...mine.ranges, ...o.ranges]);
        for (const item of o.set) mine.set.add(item);
      }
    }
    return new Resources(entries);
  }

  plus(other: Resources): Resources {
    const entries = this.cloneEntries();
    for (const [key, o] of other.entries) {
      const mine = entries.get(key);
      if (!mine) {
        entries.set(key, { ...o, ranges: [...o.ranges], set: new Set(o.set) });
        continue;
      }
      mine.scalarMilli += o.scalarMilli;
      mine.ranges = normalize([...mine.ranges, ...o.ranges]);
      for (const item of o.set) mine.set.add(item);
    }
    return new Resources(entries);
  }

  /** This bag without `other`, clamped at zero (subtracting what is absent is a no-op). */
  minus(other: Resources): Resources {
    const entries = this.cloneEntries();
    for (const [key, o] of other.entries) {
      const mine = entries.get(key);
      if (!mine) continue;
      mine.scalarMilli = Math.max(0, mine.scalarMilli - o.scalarMilli);
      mine.ranges = subtractRanges(mine.ranges, o.ranges);
      for (const item of o.set) mine.set.delete(item);
    }
    return new Resources(entries);
  }

  /** Only the resources a role may use: unreserved ones and those reserved to `role`. */
  allocatableTo(role: string): Resources {
    const entries = new Map<string, Entry>();
    for (const [key, e] of this.entries) {
      const reservedRole = e.template.reservations?.length ? e.template.reservations[e.template.reservations.length - 1]!.role : e.template.role;
      if (reservedRole === undefined || reservedRole === null || reservedRole === '*' || reservedRole === role) entries.set(key, e);
    }
    return new Resources(entries);
  }

  /** Wire resources, optionally stamped with `allocation_info.role`; empty entries are left out. */
  toProto(allocationRole?: string): mesos.v1.IResource[] {
    const out: mesos.v1.IResource[] = [];
    for (const e of this.entries.values()) {
      const base: mesos.v1.IResource = { ...e.template, type: e.type };
      if (allocationRole !== undefined) base.allocation_info = { role: allocationRole };
      if (e.type === SCALAR && e.scalarMilli > 0) out.push({ ...base, scalar: { value: e.scalarMilli / 1000 } });
      if (e.type === RANGES && e.ranges.length > 0) out.push({ ...base, ranges: { range: e.ranges.map(([begin, end]) => ({ begin, end })) } });
      if (e.type === SET && e.set.size > 0) out.push({ ...base, set: { item: [...e.set].sort() } });
    }
    return out;
  }

  /** A compact text form for logs and messages, e.g. `cpus:1;mem:128;ports:[31000-31001]`. */
  toString(): string {
    const parts: string[] = [];
    for (const e of this.entries.values()) {
      const role = e.template.role && e.template.role !== '*' ? `(${e.template.role})` : '';
      if (e.type === SCALAR && e.scalarMilli > 0) parts.push(`${e.template.name}${role}:${e.scalarMilli / 1000}`);
      if (e.type === RANGES && e.ranges.length > 0) parts.push(`${e.template.name}${role}:[${e.ranges.map(([b, x]) => `${b}-${x}`).join(',')}]`);
      if (e.type === SET && e.set.size > 0) parts.push(`${e.template.name}${role}:{${[...e.set].join(',')}}`);
    }
    return parts.join(';');
  }

  private cloneEntries(): Map<string, Entry> {
    const copy = new Map<string, Entry>();
    for (const [key, e] of this.entries) copy.set(key, { ...e, ranges: [...e.ranges], set: new Set(e.set) });
    return copy;
  }
}
