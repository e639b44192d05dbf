/**
 * What one task (or one executor) asks of an offer.
 */
import { fromThousandths, toThousandths } from './scalar-math';

/** The standard resource names a demand can fall short on. */
export type ResourceName = 'cpus' | 'mem' | 'disk' | 'gpus' | 'ports';

/** Resources one task or executor needs from an offer. */
export interface ResourceDemand {
  cpus: number;
  memoryMb: number;
  /** Default 0. */
  diskMb?: number;
  /** Whole GPUs. Default 0. */
  gpus?: number;
  /**
   * One entry per host port needed, in the order the task sees them
   * (`PORT0`, `PORT1`, ...): `0` for any free port, otherwise that exact port.
   * Default none.
   */
  ports?: readonly number[];
}

/** Why an offer cannot hold a demand: the first resource that fell short. */
export interface ResourceShortfall {
  resource: ResourceName;
  /** What was asked (units: cpus, MB, MB, GPUs, ports). */
  wanted: number;
  /** What the offer had left of it. */
  available: number;
  /** Human-readable, e.g. `port 8080 is not offered`. */
  detail: string;
}

/** Adds demands up (the task and its executor are charged to the same offer). */
export function sumDemands(demands: readonly ResourceDemand[]): Required<ResourceDemand> {
  const add = (pick: (d: ResourceDemand) => number | undefined): number =>
    fromThousandths(demands.reduce((sum, d) => sum + toThousandths(pick(d) ?? 0), 0));
  return {
    cpus: add((d) => d.cpus),
    memoryMb: add((d) => d.memoryMb),
    diskMb: add((d) => d.diskMb),
    gpus: add((d) => d.gpus),
    ports: demands.flatMap((d) => d.ports ?? []),
  };
}

/** The unit a resource is counted in, for messages. */
export function resourceUnit(resource: ResourceName): string {
  return resource === 'mem' || resource === 'disk' ? 'MB' : resource;
}
