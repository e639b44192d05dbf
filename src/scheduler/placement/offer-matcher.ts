/**
 * Matching pending nodes to offers.
 *
 * First fit, FIFO: nodes are placed in the order given, each on the first
 * offer (in the order given) whose agent satisfies its constraints and whose
 * remaining resources hold the task and its executor. One offer can carry
 * several tasks. Offers that carry nothing are declined. For every node left
 * pending, the result says what ruled the offers out (see
 * {@link PlacementReason}).
 */
import type { mesos } from '../../../proto/gen/mesos';
import type { PlacementTarget } from './attributes';
import type { PlacementConstraint } from './constraint-parser';
import { firstViolation, PeerGroups, type NodePlacement } from './constraints';
import { offerIdentity, type Offer, type Resource } from './mesos-types';
import { placementReason, type OfferRef, type OfferRejection, type PlacementReason } from './placement-reason';
import { needsPeers, PeerIndex } from './placement-peers';
import { sumDemands, type ResourceDemand } from './resource-demand';
import { ResourcePool, type ResourcePoolOptions } from './resources';
import { toThousandths } from './scalar-math';

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
  /** The offer's allocation role, when the framework may not use it. */
  foreignRole: string | undefined;
  used: boolean;
}

/** One node's demand, summed once for every offer it is tried on. */
interface Candidate {
  node: PendingNode;
  demands: ResourceDemand[];
  total: Required<ResourceDemand>;
  wantsGpus: boolean;
  peers: PeerGroups;
}

const NO_PEERS = new PeerGroups([]);

function toSlot(offer: Offer, options: OfferMatcherOptions): Slot {
  const ref = offerIdentity(offer);
  const pool = ResourcePool.fromOffer(offer, options);
  const target = { hostname: ref.hostname, agentId: ref.agentId, attributes: offer.attributes ?? [] };
  const role = offer.allocation_info?.role;
  const foreignRole = options.roles && role && !options.roles.includes(role) ? role : undefined;
  return { offer, ref, target, pool, hasGpus: pool.available('gpus') > 0, foreignRole, used: false };
}

function candidate(node: PendingNode, peers: PeerIndex): Candidate {
  const demands = node.executor ? [node.task, node.executor] : [node.task];
  const wantsGpus = (node.task.gpus ?? 0) + (node.executor?.gpus ?? 0) > 0;
  const nodePeers = needsPeers(node.constraints) ? new PeerGroups(peers.peersOf(node.appId, node.nodeId)) : NO_PEERS;
  return { node, demands, total: sumDemands(demands), wantsGpus, peers: nodePeers };
}

function keepsGpus(slot: Slot, c: Candidate, options: OfferMatcherOptions): boolean {
  return (options.reserveGpuAgents ?? true) && slot.hasGpus && !c.wantsGpus;
}

function fits(slot: Slot, c: Candidate, options: OfferMatcherOptions): boolean {
  if (slot.foreignRole !== undefined || keepsGpus(slot, c, options) || !slot.pool.fits(c.total)) return false;
  return c.node.constraints.length === 0 || firstViolation(c.node.constraints, slot.target, c.peers) === undefined;
}

function rejection(slot: Slot, c: Candidate, options: OfferMatcherOptions): OfferRejection | undefined {
  const { offerId, agentId, hostname } = slot.ref;
  if (slot.foreignRole !== undefined) {
    return { offerId, agentId, hostname, ruledOutBy: 'role', detail: `offer is allocated to role ${slot.foreignRole}, not one of ${options.roles!.join(', ')}` };
  }
  if (keepsGpus(slot, c, options)) {
    return { offerId, agentId, hostname, ruledOutBy: 'gpu-agent', detail: `agent offers ${slot.pool.available('gpus')} gpus and the node wants none` };
  }
  const violation = c.node.constraints.length === 0 ? undefined : firstViolation(c.node.constraints, slot.target, c.peers);
  if (violation) return { offerId, agentId, hostname, ruledOutBy: 'constraint', constraint: violation.constraint.label, detail: violation.detail };
  const shortfall = slot.pool.checkTotal(c.total);
  if (shortfall) return { offerId, agentId, hostname, ruledOutBy: shortfall.resource, wanted: shortfall.wanted, available: shortfall.available, detail: shortfall.detail };
  return undefined;
}

/**
 * What makes two nodes' rejections identical while no offer changes: their
 * summed demand, GPU wish and own constraints. Undefined for nodes whose
 * constraints look at peers, which differ from node to node.
 */
function shapeKey(c: Candidate): string | undefined {
  if (c.peers !== NO_PEERS) return undefined;
  const { cpus, memoryMb, diskMb, gpus, ports } = c.total;
  return [cpus, memoryMb, diskMb, gpus, ports.join(','), c.wantsGpus, ...c.node.constraints.map((k) => k.label)].join('\u0000');
}

/**
 * Remembers the reasons given in this call. Placing a node changes offers,
 * so a reason is reused only if nothing was placed since it was built: a
 * queue of identical nodes that no offer can hold costs one scan, not one
 * per node.
 */
class ReasonMemo {
  private readonly reasons = new Map<string, { placedCount: number; reason: PlacementReason }>();

  constructor(private readonly options: OfferMatcherOptions) {}

  reasonFor(c: Candidate, slots: readonly Slot[], placedCount: number): PlacementReason {
    const key = shapeKey(c);
    const known = key === undefined ? undefined : this.reasons.get(key);
    if (known && known.placedCount === placedCount) return known.reason;
    const rejections: OfferRejection[] = [];
    for (const slot of slots) {
      const ruledOut = rejection(slot, c, this.options);
      if (ruledOut) rejections.push(ruledOut);
    }
    const reason = placementReason(rejections);
    if (key !== undefined) this.reasons.set(key, { placedCount, reason });
    return reason;
  }
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
  const peers = new PeerIndex(context.placements);
  const memo = new ReasonMemo(options);
  const launches: Launch[] = [];
  const unplaced = new Map<string, PlacementReason>();
  // Offers before this one have no cpus left: first fit never picks them for a node that wants cpus.
  let firstWithCpus = 0;
  for (const node of pending) {
    const c = candidate(node, peers);
    while (firstWithCpus < slots.length && slots[firstWithCpus]!.pool.available('cpus') <= 0) firstWithCpus++;
    let slot: Slot | undefined;
    for (let i = toThousandths(c.total.cpus) > 0 ? firstWithCpus : 0; i < slots.length && !slot; i++) {
      if (fits(slots[i]!, c, options)) slot = slots[i];
    }
    const taken = slot?.pool.take(c.demands, c.total);
    if (!slot || !taken?.ok) {
      unplaced.set(node.nodeId, memo.reasonFor(c, slots, launches.length));
      continue;
    }
    const [task, executor] = taken.allocations;
    launches.push({ offer: slot.offer, node, resources: task?.resources ?? [], executorResources: executor?.resources ?? [], ports: task?.ports ?? [] });
    peers.add({ ...slot.target, appId: node.appId, nodeId: node.nodeId });
    slot.used = true;
  }
  const declines = slots.filter((s) => !s.used).map((s) => s.offer.id);
  return { launches, declines, unplaced };
}

/** Groups launches by offer, in first-use order: one ACCEPT per offer. */
export function launchesByOffer(launches: readonly Launch[]): Array<{ offer: Offer; launches: Launch[] }> {
  const groups = new Map<Offer, Launch[]>();
  for (const launch of launches) {
    const group = groups.get(launch.offer);
    if (group) group.push(launch);
    else groups.set(launch.offer, [launch]);
  }
  return [...groups].map(([offer, group]) => ({ offer, launches: group }));
}
