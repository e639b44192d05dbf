/**
 * Placement tests as ticks (dcos-commons style): nodes become pending, offers
 * arrive, and the test checks what was launched, declined and left pending.
 *
 *   const t = placementTicks();
 *   t.send.pending({ node: 'web-0', cpus: 1 });
 *   t.send.offers(offer({ agent: 'a1', cpus: 2, mem: 512 }));
 *   t.expect.launched('web-0', { agent: 'a1' });
 */
import {
  matchOffers,
  type Launch,
  type MatchResult,
  type NodePlacement,
  type OfferMatcherOptions,
  type PendingNode,
  type PlacementReason,
} from '../../src/scheduler/placement';
import type { mesos } from '../../proto/gen/mesos';
import { pendingNode, type NodeSpec } from './offers';

export interface PlacementTicks {
  send: {
    /** Nodes become pending (FIFO). */
    pending(...specs: NodeSpec[]): void;
    /** A node of the app already runs on an agent. */
    running(nodeId: string, where: { agent: string; hostname?: string; attributes?: mesos.v1.IAttribute[]; app?: string }): void;
    /** Offers arrive: the matcher runs; placed nodes leave the pending list and count as running. */
    offers(...offers: mesos.v1.IOffer[]): MatchResult;
  };
  expect: {
    launched(nodeId: string, where?: { agent?: string; offerId?: string; ports?: number[] }): Launch;
    notLaunched(nodeId: string): void;
    declined(...offerIds: string[]): void;
    declinedNothing(): void;
    unplaced(nodeId: string, summary?: RegExp): PlacementReason;
  };
  readonly pending: readonly PendingNode[];
  readonly last: MatchResult;
}

export function placementTicks(options: OfferMatcherOptions = {}): PlacementTicks {
  let pending: PendingNode[] = [];
  const placements: NodePlacement[] = [];
  let last: MatchResult | undefined;
  const result = (): MatchResult => {
    if (!last) throw new Error('no offers sent yet: call send.offers(...) first');
    return last;
  };
  const launchOf = (nodeId: string): Launch | undefined => result().launches.find((l) => l.node.nodeId === nodeId);

  return {
    send: {
      pending: (...specs) => void pending.push(...specs.map(pendingNode)),
      running(nodeId, where) {
        placements.push({
          appId: where.app ?? 'web',
          nodeId,
          agentId: where.agent,
          hostname: where.hostname ?? `${where.agent}.example`,
          attributes: where.attributes ?? [],
        });
      },
      offers(...offers) {
        last = matchOffers(pending, offers, { placements }, options);
        const placed = new Set(last.launches.map((l) => l.node.nodeId));
        for (const launch of last.launches) {
          placements.push({
            appId: launch.node.appId,
            nodeId: launch.node.nodeId,
            agentId: launch.offer.agent_id.value,
            hostname: launch.offer.hostname,
            attributes: launch.offer.attributes ?? [],
          });
        }
        pending = pending.filter((n) => !placed.has(n.nodeId));
        return last;
      },
    },
    expect: {
      launched(nodeId, where = {}) {
        const launch = launchOf(nodeId);
        if (!launch) throw new Error(`expected ${nodeId} to be launched; unplaced: ${result().unplaced.get(nodeId)?.summary ?? 'not pending'}`);
        if (where.agent !== undefined) expect(launch.offer.agent_id.value).toBe(where.agent);
        if (where.offerId !== undefined) expect(launch.offer.id.value).toBe(where.offerId);
        if (where.ports !== undefined) expect(launch.ports).toEqual(where.ports);
        return launch;
      },
      notLaunched(nodeId) {
        expect(launchOf(nodeId)).toBeUndefined();
      },
      declined(...offerIds) {
        expect(result().declines.map((id) => id.value)).toEqual(offerIds);
      },
      declinedNothing() {
        expect(result().declines).toEqual([]);
      },
      unplaced(nodeId, summary) {
        const reason = result().unplaced.get(nodeId);
        if (!reason) throw new Error(`expected ${nodeId} to stay pending, but it was ${launchOf(nodeId) ? 'launched' : 'not considered'}`);
        if (summary) expect(reason.summary).toMatch(summary);
        return reason;
      },
    },
    get pending() {
      return pending;
    },
    get last() {
      return result();
    },
  };
}
