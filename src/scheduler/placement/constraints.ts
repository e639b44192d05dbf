/**
 * Evaluating placement constraints against one candidate agent.
 *
 * catapult's own types (RUN_ON_*, ATTRIBUTE_*) look at the candidate only.
 * Marathon's operators (UNIQUE, CLUSTER, GROUP_BY, MAX_PER) also look at
 * where the app's other live nodes run, given as `peers`. A missing
 * attribute satisfies only the negative forms (ATTRIBUTE_NOT_LIKE, UNLIKE),
 * as in Marathon.
 */
import { fieldValue, type PlacementTarget } from './attributes';
import type { PlacementConstraint } from './constraint-parser';

/** Where one of the app's live nodes runs. */
export interface NodePlacement extends PlacementTarget {
  appId: string;
  nodeId: string;
}

/** The outcome of one constraint on one candidate. */
export type ConstraintVerdict = { ok: true } | { ok: false; detail: string };

const OK: ConstraintVerdict = { ok: true };

function fail(detail: string): ConstraintVerdict {
  return { ok: false, detail };
}

/**
 * The peers grouped by the value of each field asked about: a node is tried
 * on many offers, and its peers are grouped once rather than scanned per offer.
 */
export class PeerGroups {
  private readonly byField = new Map<string, Map<string, string[]>>();

  constructor(readonly peers: readonly NodePlacement[]) {}

  /** Node ids by field value, values in the order their first node appears. */
  of(field: string): ReadonlyMap<string, readonly string[]> {
    let groups = this.byField.get(field);
    if (!groups) {
      groups = new Map();
      for (const peer of this.peers) {
        const value = fieldValue(peer, field);
        if (value === undefined) continue;
        const ids = groups.get(value);
        if (ids) ids.push(peer.nodeId);
        else groups.set(value, [peer.nodeId]);
      }
      this.byField.set(field, groups);
    }
    return groups;
  }
}

const NO_NODES: readonly string[] = [];

function nodesOn(peers: PeerGroups, field: string, value: string): readonly string[] {
  return peers.of(field).get(value) ?? NO_NODES;
}

function asGroups(peers: readonly NodePlacement[] | PeerGroups): PeerGroups {
  return peers instanceof PeerGroups ? peers : new PeerGroups(peers);
}

function checkOwn(c: PlacementConstraint, target: PlacementTarget): ConstraintVerdict {
  switch (c.type) {
    case 'RUN_ON_HOST_YES':
      return target.hostname === c.value ? OK : fail(`hostname is ${target.hostname}, not ${c.value}`);
    case 'RUN_ON_HOST_NO':
      return target.hostname !== c.value ? OK : fail(`hostname is ${c.value}`);
    case 'RUN_ON_SLAVE_YES':
      return target.agentId === c.value ? OK : fail(`agent is ${target.agentId}, not ${c.value}`);
    case 'RUN_ON_SLAVE_NO':
      return target.agentId !== c.value ? OK : fail(`agent is ${c.value}`);
    default:
      return OK;
  }
}

function checkGroupBy(c: PlacementConstraint, value: string, peers: PeerGroups): ConstraintVerdict {
  const counts = peers.of(c.field);
  const mine = counts.get(value)?.length;
  if (mine === undefined) return OK;
  const minimumGroups = c.count ?? 0;
  let leastUsed = Infinity;
  for (const ids of counts.values()) leastUsed = Math.min(leastUsed, ids.length);
  if (counts.size < minimumGroups) {
    return fail(`${c.field}=${value} already has ${mine} nodes while only ${counts.size} of ${minimumGroups} ${c.field} values are used`);
  }
  return mine === leastUsed ? OK : fail(`${c.field}=${value} already has ${mine} nodes, the least used ${c.field} has ${leastUsed}`);
}

/**
 * Checks one constraint for a candidate agent.
 *
 * @param peers where the app's other live nodes run (and the nodes placed
 *   earlier in the same round); never the node being placed itself. Pass
 *   {@link PeerGroups} to check many candidates against the same peers.
 */
export function checkConstraint(c: PlacementConstraint, target: PlacementTarget, peers: readonly NodePlacement[] | PeerGroups): ConstraintVerdict {
  if (c.type.startsWith('RUN_ON_')) return checkOwn(c, target);
  const value = fieldValue(target, c.field);
  if (value === undefined) {
    return c.type === 'ATTRIBUTE_NOT_LIKE' || c.type === 'UNLIKE' ? OK : fail(`agent has no attribute ${c.field}`);
  }
  switch (c.type) {
    case 'ATTRIBUTE_LIKE':
    case 'LIKE':
      return c.pattern?.test(value) ? OK : fail(`${c.field}=${value} does not match ${c.value}`);
    case 'ATTRIBUTE_NOT_LIKE':
    case 'UNLIKE':
      return c.pattern?.test(value) ? fail(`${c.field}=${value} matches ${c.value}`) : OK;
    case 'IS':
      return value === c.value ? OK : fail(`${c.field}=${value}, not ${c.value}`);
    case 'UNIQUE': {
      const taken = nodesOn(asGroups(peers), c.field, value);
      return taken.length === 0 ? OK : fail(`${c.field}=${value} already runs ${taken.join(', ')}`);
    }
    case 'CLUSTER': {
      const clusterValue = c.value !== '' ? c.value : asGroups(peers).of(c.field).keys().next().value;
      return clusterValue === undefined || clusterValue === value ? OK : fail(`${c.field}=${value}, the app's nodes are clustered on ${clusterValue}`);
    }
    case 'MAX_PER': {
      const taken = nodesOn(asGroups(peers), c.field, value);
      const max = c.count ?? 1;
      return taken.length < max ? OK : fail(`${c.field}=${value} already runs ${taken.length} nodes (max ${max})`);
    }
    case 'GROUP_BY':
      return checkGroupBy(c, value, asGroups(peers));
    default:
      return OK;
  }
}

/** The first constraint a candidate violates, with why; undefined when all hold. */
export function firstViolation(
  constraints: readonly PlacementConstraint[],
  target: PlacementTarget,
  peers: readonly NodePlacement[] | PeerGroups,
): { constraint: PlacementConstraint; detail: string } | undefined {
  const groups = constraints.length > 1 ? asGroups(peers) : peers;
  for (const constraint of constraints) {
    const verdict = checkConstraint(constraint, target, groups);
    if (!verdict.ok) return { constraint, detail: verdict.detail };
  }
  return undefined;
}
