/**
 * Why a pending node was not placed: for each offer considered, what ruled
 * it out, and a one-line summary for logs, the dashboard and the node's
 * `pending` state.
 */
import { resourceUnit, type ResourceName } from './resource-demand';

/** The offer a rejection is about. */
export interface OfferRef {
  offerId: string;
  agentId: string;
  hostname: string;
}

/** An offer that fell short on a resource. */
export interface ResourceRejection extends OfferRef {
  ruledOutBy: ResourceName;
  wanted: number;
  available: number;
  detail: string;
}

/** An offer on an agent that a constraint excludes. */
export interface ConstraintRejection extends OfferRef {
  ruledOutBy: 'constraint';
  /** The constraint's label, e.g. `hostname:UNIQUE`. */
  constraint: string;
  detail: string;
}

/** An offer with GPUs, kept for nodes that want GPUs; or an offer allocated to a role the node may not use. */
export interface PolicyRejection extends OfferRef {
  ruledOutBy: 'gpu-agent' | 'role';
  detail: string;
}

/** What ruled one offer out for one node. */
export type OfferRejection = ResourceRejection | ConstraintRejection | PolicyRejection;

/** Why a node is still pending. */
export interface PlacementReason {
  /** One line, e.g. `no offer had 1 cpus (best: 0.5 on agent-2); 3 offers ruled out by hostname:UNIQUE`. */
  summary: string;
  /**
   * The offers considered, in the order considered, with what ruled each
   * out: all of them, or the first {@link MAX_LISTED_REJECTIONS}.
   */
  offers: OfferRejection[];
  /** How many more offers were considered than `offers` lists; the summary covers them too. Absent when none. */
  omitted?: number;
}

/** How many rejections a reason lists: thousands of pending nodes times hundreds of offers would not fit in memory or a log line. */
export const MAX_LISTED_REJECTIONS = 10;

const RESOURCE_ORDER: readonly ResourceName[] = ['cpus', 'mem', 'disk', 'gpus', 'ports'];

function offers(count: number): string {
  return count === 1 ? '1 offer' : `${count} offers`;
}

function amount(resource: ResourceName, value: number): string {
  const unit = resourceUnit(resource);
  return unit === resource ? `${value} ${resource}` : `${value} ${unit} ${resource}`;
}

function resourceLine(resource: ResourceName, rejections: readonly ResourceRejection[]): string {
  const best = rejections.reduce((a, b) => (b.available > a.available ? b : a));
  const wanted = Math.max(...rejections.map((r) => r.wanted));
  const unit = resourceUnit(resource);
  const where = `${best.available}${unit === resource ? '' : ` ${unit}`} on ${best.agentId || best.hostname}`;
  if (resource === 'ports' && /not offered|twice/.test(best.detail)) return `no offer had the ports wanted (${best.detail}; best: ${where})`;
  return `no offer had ${amount(resource, wanted)} (best: ${where})`;
}

/** Builds the one-line summary from the rejections. */
export function summarizeRejections(rejections: readonly OfferRejection[]): string {
  if (rejections.length === 0) return 'no offers to consider';
  const parts: string[] = [];
  for (const resource of RESOURCE_ORDER) {
    const matching = rejections.filter((r): r is ResourceRejection => r.ruledOutBy === resource);
    if (matching.length > 0) parts.push(resourceLine(resource, matching));
  }
  const byConstraint = new Map<string, number>();
  for (const r of rejections) if (r.ruledOutBy === 'constraint') byConstraint.set(r.constraint, (byConstraint.get(r.constraint) ?? 0) + 1);
  for (const [constraint, count] of byConstraint) parts.push(`${offers(count)} ruled out by ${constraint}`);
  const gpu = rejections.filter((r) => r.ruledOutBy === 'gpu-agent').length;
  if (gpu > 0) parts.push(`${offers(gpu)} with GPUs kept for nodes that want GPUs`);
  const role = rejections.filter((r) => r.ruledOutBy === 'role').length;
  if (role > 0) parts.push(`${offers(role)} allocated to a role the framework does not use`);
  return parts.join('; ');
}

/** A reason from every rejection of a node: summarized in full, listed up to {@link MAX_LISTED_REJECTIONS}. */
export function placementReason(rejections: readonly OfferRejection[]): PlacementReason {
  const summary = summarizeRejections(rejections);
  if (rejections.length <= MAX_LISTED_REJECTIONS) return { summary, offers: [...rejections] };
  return { summary, offers: rejections.slice(0, MAX_LISTED_REJECTIONS), omitted: rejections.length - MAX_LISTED_REJECTIONS };
}
