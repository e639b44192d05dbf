/**
 * An offer's resources as a pool that tasks are carved out of.
 *
 * One offer can carry several tasks: each {@link ResourcePool.take} subtracts
 * what it hands out. What it hands out is a list of Resource messages copied
 * from the offered ones, with only `scalar` / `ranges` changed, so role,
 * reservation(s), allocation_info, disk and the rest are echoed back intact
 * as the master requires.
 */
import { isSpecialDisk, uint64ToNumber, type Offer, type Resource } from './mesos-types';
import { normalizeRanges, removePorts, containsPort, countPorts, lowestPorts, portsToRanges, type PortRange } from './port-ranges';
import { sumDemands, type ResourceDemand, type ResourceName, type ResourceShortfall } from './resource-demand';
import { fromThousandths, toThousandths, type Thousandths } from './scalar-math';

/** Which offered resources a pool may use. */
export interface ResourcePoolOptions {
  /**
   * Roles whose reserved resources may be used (unreserved `*` resources
   * always may). Default: every role the master offered.
   */
  roles?: readonly string[];
  /** Use revocable resources too. Default false: they can be taken back at any time. */
  useRevocable?: boolean;
}

/** What one demand got from the pool. */
export interface Allocation {
  /** Resource messages for the TaskInfo (or ExecutorInfo), copied from the offer. */
  resources: Resource[];
  /** The concrete host ports, in the order the demand listed them. */
  ports: number[];
}

/** The outcome of {@link ResourcePool.take}: every allocation, or the first shortfall (and nothing taken). */
export type TakeResult =
  | { ok: true; allocations: Allocation[] }
  | { ok: false; shortfall: ResourceShortfall };

interface Entry {
  source: Resource;
  name: string;
  scalar: Thousandths;
  ranges: PortRange[];
}

const SCALARS: ReadonlyArray<[ResourceName, keyof ResourceDemand]> = [
  ['cpus', 'cpus'],
  ['mem', 'memoryMb'],
  ['disk', 'diskMb'],
  ['gpus', 'gpus'],
];

/** The role a resource is reserved for, `*` when unreserved. */
export function reservationRole(resource: Resource): string {
  const stack = resource.reservations ?? [];
  if (stack.length > 0) return stack[stack.length - 1]?.role ?? '*';
  return resource.role ?? '*';
}

function usable(resource: Resource, options: ResourcePoolOptions): boolean {
  if (resource.revocable && !options.useRevocable) return false;
  // Shared resources, persistent volumes and whole-disk sources need explicit claims; a plain task must not consume them.
  if (resource.shared) return false;
  if (isSpecialDisk(resource)) return false;
  const role = reservationRole(resource);
  return role === '*' || options.roles === undefined || options.roles.includes(role);
}

/** A mutable view of what is left of one offer. */
export class ResourcePool {
  /** Scalar sums per name, kept up to date by takes: matching asks for them once per node and offer. */
  private readonly sums = new Map<string, Thousandths>();
  /** The free ports, normalized; recomputed only after ports were taken. */
  private freePorts: PortRange[] | undefined;

  private constructor(private readonly entries: Entry[]) {
    for (const e of entries) this.sums.set(e.name, (this.sums.get(e.name) ?? 0) + e.scalar);
  }

  /** Builds the pool from an offer; reserved resources are used before unreserved ones. */
  static fromOffer(offer: Offer, options: ResourcePoolOptions = {}): ResourcePool {
    const entries: Entry[] = [];
    for (const source of offer.resources ?? []) {
      if (!source.name || !usable(source, options)) continue;
      const ranges = (source.ranges?.range ?? []).map((r) => ({ begin: uint64ToNumber(r.begin), end: uint64ToNumber(r.end) }));
      entries.push({ source, name: source.name, scalar: toThousandths(source.scalar?.value ?? 0), ranges: normalizeRanges(ranges) });
    }
    const reserved = entries.filter((e) => reservationRole(e.source) !== '*');
    const unreserved = entries.filter((e) => reservationRole(e.source) === '*');
    return new ResourcePool([...reserved, ...unreserved]);
  }

  /** What is left of a scalar resource, in its unit (cpus, MB, GPUs). */
  available(name: string): number {
    return fromThousandths(this.sums.get(name) ?? 0);
  }

  /** The ports that are left. */
  availablePorts(): PortRange[] {
    return this.ports().map((r) => ({ ...r }));
  }

  /** What is left, per resource name: scalars in their unit, ports as a count. */
  totals(): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const name of new Set(this.entries.map((e) => e.name))) {
      totals[name] = name === 'ports' ? countPorts(this.availablePorts()) : this.available(name);
    }
    return totals;
  }

  /** Checks whether the demands fit together, without taking anything. */
  check(demands: readonly ResourceDemand[]): ResourceShortfall | undefined {
    return this.checkTotal(sumDemands(demands));
  }

  /**
   * Whether a summed demand fits, without building a shortfall: the scalar
   * comparisons alone rule out an exhausted offer.
   */
  fits(total: Required<ResourceDemand>): boolean {
    for (const [name, field] of SCALARS) {
      if (toThousandths(total[field] as number) > (this.sums.get(name) ?? 0)) return false;
    }
    return total.ports.length === 0 || this.checkTotal(total) === undefined;
  }

  /** {@link check} for demands already summed. */
  checkTotal(total: Required<ResourceDemand>): ResourceShortfall | undefined {
    for (const [name, field] of SCALARS) {
      const wanted = total[field] as number;
      const available = this.available(name);
      if (toThousandths(wanted) > toThousandths(available)) {
        return { resource: name, wanted, available, detail: `wanted ${wanted} ${name}, offer has ${available}` };
      }
    }
    const free = this.ports();
    const fixed = total.ports.filter((p) => p !== 0);
    const missing = fixed.find((port) => !containsPort(free, port));
    if (missing !== undefined) {
      return { resource: 'ports', wanted: total.ports.length, available: countPorts(free), detail: `port ${missing} is not offered` };
    }
    if (new Set(fixed).size !== fixed.length) {
      return { resource: 'ports', wanted: total.ports.length, available: countPorts(free), detail: 'the same host port is requested twice' };
    }
    const anyCount = total.ports.length - fixed.length;
    if (lowestPorts(free, anyCount, new Set(fixed)).length < anyCount) {
      return { resource: 'ports', wanted: total.ports.length, available: countPorts(free), detail: `wanted ${total.ports.length} ports, offer has ${countPorts(free)}` };
    }
    return undefined;
  }

  /**
   * Takes every demand from the pool, all or nothing. Each demand gets its
   * own resource list (e.g. one for the task, one for its executor).
   */
  take(demands: readonly ResourceDemand[], total: Required<ResourceDemand> = sumDemands(demands)): TakeResult {
    const shortfall = this.checkTotal(total);
    if (shortfall) return { ok: false, shortfall };
    const reservedPorts = new Set(demands.flatMap((d) => d.ports ?? []).filter((p) => p !== 0));
    const allocations = demands.map((demand) => this.takeOne(demand, reservedPorts));
    return { ok: true, allocations };
  }

  private takeOne(demand: ResourceDemand, reservedPorts: ReadonlySet<number>): Allocation {
    const resources: Resource[] = [];
    for (const [name, field] of SCALARS) {
      let need = toThousandths((demand[field] as number | undefined) ?? 0);
      for (const entry of this.entries) {
        if (need <= 0) break;
        if (entry.name !== name || entry.scalar <= 0) continue;
        const taken = Math.min(need, entry.scalar);
        entry.scalar -= taken;
        this.sums.set(name, (this.sums.get(name) ?? 0) - taken);
        need -= taken;
        resources.push({ ...entry.source, scalar: { value: fromThousandths(taken) } });
      }
    }
    const ports = this.takePorts(demand.ports ?? [], reservedPorts);
    resources.push(...ports.resources);
    return { resources, ports: ports.assigned };
  }

  private ports(): PortRange[] {
    this.freePorts ??= normalizeRanges(this.entries.filter((e) => e.name === 'ports').flatMap((e) => e.ranges));
    return this.freePorts;
  }

  private takePorts(wanted: readonly number[], reservedPorts: ReadonlySet<number>): { assigned: number[]; resources: Resource[] } {
    if (wanted.length === 0) return { assigned: [], resources: [] };
    this.freePorts = undefined;
    const assigned = [...wanted];
    const perEntry = new Map<Entry, number[]>();
    const claim = (entry: Entry, port: number): void => {
      perEntry.set(entry, [...(perEntry.get(entry) ?? []), port]);
      entry.ranges = removePorts(entry.ranges, [port]);
    };
    const portEntries = this.entries.filter((e) => e.name === 'ports');
    for (const port of wanted.filter((p) => p !== 0)) {
      const entry = portEntries.find((e) => containsPort(e.ranges, port));
      if (entry) claim(entry, port);
    }
    for (let i = 0; i < assigned.length; i++) {
      if (assigned[i] !== 0) continue;
      for (const entry of portEntries) {
        const [port] = lowestPorts(entry.ranges, 1, reservedPorts);
        if (port === undefined) continue;
        assigned[i] = port;
        claim(entry, port);
        break;
      }
    }
    const resources = [...perEntry].map(([entry, ports]) => ({ ...entry.source, ranges: { range: portsToRanges(ports) } }));
    return { assigned, resources };
  }
}
