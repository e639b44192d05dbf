/**
 * Matching pending nodes to offers.
 *
 * First fit, FIFO: nodes are placed in the order given, each on the first
 * offer (in the order given) whose agent satisfies its constraints and whose
 * remaining resources hold the task and its executor. One offer can carry
 * several tasks. Offers that carry nothing are declined. For every node left
 * pending, the result says which offers were considered and what ruled each
 * out.
 */
import type { mesos } from '../../../proto/gen/mesos';
import type { PlacementTarget } from './attributes';
import type { PlacementConstraint } from './constraint-parser';
import { firstViolation, type NodePlacement } from './constraints';
import { offerIdentity, type Offer, type Resource } from './mesos-types';
import { summarizeRejections, type OfferRef, type OfferRejection, type PlacementReason } from './placement-reason';
import type { ResourceDemand } from './resource-demand';
import { ResourcePool, type ResourcePoolOptions } from './resources';

/** A node waiting for an offer. */
export interface PendingNode {
  appId: string;
  /** Unique among the nodes being matched; keys {@link MatchResult.unplaced}. */
  nodeId: string;
  /** What the task itself needs. */
  task: ResourceDemand;
  /** What a custom executor needs on top of the task; absent for command tasks. */
  executor?: ResourceDemand;
  constraints: readonly PlacementConstraint[];
}

/** Where the apps' live nodes run, for UNIQUE, CLUSTER, GROUP_BY and MAX_PER. */
export interface PlacementContext {
  placements: readonly NodePlacement[];
}

/** Which offered resources the matcher may use. */
export interface OfferMatcherOptions extends ResourcePoolOptions {
  /**
   * Keep agents that offer GPUs for nodes that want GPUs: a node without
   * GPUs is never placed on them. Default true.
   */
  reserveGpuAgents?: boolean;
}

/** One task to launch: the offer it goes on and what it takes from it. */
export interface Launch {
  offer: Offer;
  node: PendingNode;
  /** The task's resources, copied from the offer. */
  resources: Resource[];
  /** The executor's resources, copied from the offer; empty for command tasks. */
  executorResources: Resource[];
  /** The task's concrete host ports, in the order its demand listed them. */
  ports: number[];
}

/** What to launch, what to decline and why the rest stays pending. */
export interface MatchResult {
  /** In placement order; several may share one offer. */
  launches: Launch[];
  /** Offers that carry no task. */
  declines: mesos.v1.IOfferID[];
  /** Why each node left pending was not placed, by node id. */
  unplaced: Map<string, PlacementReason>;
}

interface Slot {
  offer: Offer;
  ref: OfferRef;
  target: PlacementTarget;
  pool: ResourcePool;
  hasGpus: boolean;
  used: boolean;
}

function toSlot(offer: Offer, options: OfferMatcherOptions): Slot {
  const ref = offerIdentity(offer);
  const pool = ResourcePool.fromOffer(offer, options);
  const target = { hostname: ref.hostname, agentId: ref.agentId, attributes: offer.attributes ?? [] };
  return { offer, ref, target, pool, hasGpus: pool.available('gpus') > 0, used: false };
}

function wantsGpus(node: PendingNode): boolean {
  return (node.task.gpus ?? 0) + (node.executor?.gpus ?? 0) > 0;
}

function rejection(slot: Slot, node: PendingNode, peers: readonly NodePlacement[], options: OfferMatcherOptions): OfferRejection | undefined {
  const role = slot.offer.allocation_info?.role;
  if (options.roles && role && !options.roles.includes(role)) {
    return { ...slot.ref, ruledOutBy: 'role', detail: `offer is allocated to role ${role}, not one of ${options.roles.join(', ')}` };
  }
  if ((options.reserveGpuAgents ?? true) && slot.hasGpus && !wantsGpus(node)) {
    return { ...slot.ref, ruledOutBy: 'gpu-agent', detail: `agent offers ${slot.pool.available('gpus')} gpus and the node wants none` };
  }
  const violation = firstViolation(node.constraints, slot.target, peers);
  if (violation) return { ...slot.ref, ruledOutBy: 'constraint', constraint: violation.constraint.label, detail: violation.detail };
  const shortfall = slot.pool.check(node.executor ? [node.task, node.executor] : [node.task]);
  if (shortfall) return { ...slot.ref, ruledOutBy: shortfall.resource, wanted: shortfall.wanted, available: shortfall.available, detail: shortfall.detail };
  return undefined;
}

/**
 * Places pending nodes on offers.
 *
 * @param pending nodes in the order they should be placed (FIFO).
 * @param offers the offers at hand; each is either used by at least one
 *   launch or listed in `declines`.
 * @param context where the apps' live nodes run; nodes placed in this call
 *   are added as they are placed.
 *
 * @example
 * const { launches, declines, unplaced } = matchOffers(pending, offers, { placements }, { roles: ['web'] });
 */
export function matchOffers(
  pending: readonly PendingNode[],
  offers: readonly Offer[],
  context: PlacementContext = { placements: [] },
  options: OfferMatcherOptions = {},
): MatchResult {
  const slots = offers.map((offer) => toSlot(offer, options));
  const placements = [...context.placements];
  const launches: Launch[] = [];
  const unplaced = new Map<string, PlacementReason>();
  for (const node of pending) {
    const peers = placements.filter((p) => p.appId === node.appId && p.nodeId !== node.nodeId);
    const rejections: OfferRejection[] = [];
    let placed = false;
    for (const slot of slots) {
      const ruledOut = rejection(slot, node, peers, options);
      if (ruledOut) {
        rejections.push(ruledOut);
        continue;
      }
      const taken = slot.pool.take(node.executor ? [node.task, node.executor] : [node.task]);
      if (!taken.ok) continue;
      const [task, executor] = taken.allocations;
      launches.push({ offer: slot.offer, node, resources: task?.resources ?? [], executorResources: executor?.resources ?? [], ports: task?.ports ?? [] });
      placements.push({ ...slot.target, appId: node.appId, nodeId: node.nodeId });
      slot.used = true;
      placed = true;
      break;
    }
    if (!placed) unplaced.set(node.nodeId, { summary: summarizeRejections(rejections), offers: rejections });
  }
  const declines = slots.filter((s) => !s.used).map((s) => s.offer.id);
  return { launches, declines, unplaced };
}

/** Groups launches by offer, in first-use order: one ACCEPT per offer. */
export function launchesByOffer(launches: readonly Launch[]): Array<{ offer: Offer; launches: Launch[] }> {
  const groups = new Map<Offer, Launch[]>();
  for (const launch of launches) groups.set(launch.offer, [...(groups.get(launch.offer) ?? []), launch]);
  return [...groups].map(([offer, group]) => ({ offer, launches: group }));
}
