/**
 * The generated Mesos and catapult message types placement works with, and
 * the few enum values it needs.
 *
 * The enum values are spelled out here (typed as the generated enums) so
 * that placement stays a type-only user of `proto/gen`: it never loads
 * protobufjs.
 */
import type { catapult, mesos } from '../../../proto/gen/mesos';

/** `mesos.v1.Offer`. */
export type Offer = mesos.v1.IOffer;
/** `mesos.v1.Resource`. */
export type Resource = mesos.v1.IResource;
/** `mesos.v1.Attribute`. */
export type Attribute = mesos.v1.IAttribute;
/** `catapult.SchedulerConstraint`. */
export type SchedulerConstraintInfo = catapult.ISchedulerConstraint;

/** `mesos.v1.Value.Type`. */
export const ValueType = {
  SCALAR: 0 as mesos.v1.Value.Type.SCALAR,
  RANGES: 1 as mesos.v1.Value.Type.RANGES,
  SET: 2 as mesos.v1.Value.Type.SET,
  TEXT: 3 as mesos.v1.Value.Type.TEXT,
} as const;

/** A uint64 as protobufjs hands it over: a number, a decimal string or a Long. */
export type Uint64 = number | string | { toNumber(): number };

/** Reads a uint64 field as a JS number (ports and counts fit easily). */
export function uint64ToNumber(value: Uint64 | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  return value.toNumber();
}

/**
 * True when a disk resource is a persistent volume or comes from a disk
 * source (the generated DiskInfo.Source carries no type, so a PATH source
 * cannot be told from a MOUNT one): such disks must be claimed explicitly.
 */
export function isSpecialDisk(resource: Resource): boolean {
  const disk = resource.disk;
  return Boolean(disk && (disk.persistence || disk.volume || disk.source));
}

/** The offer's id, agent id and hostname. */
export function offerIdentity(offer: Offer): { offerId: string; agentId: string; hostname: string } {
  return { offerId: offer.id?.value ?? '', agentId: offer.agent_id?.value ?? '', hostname: offer.hostname ?? '' };
}
