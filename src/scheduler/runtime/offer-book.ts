/**
 * The offers at hand and the launches being gathered for them.
 *
 * An offer lives from OFFERS until it is accepted or declined, rescinded, or
 * the subscription ends (Mesos discards offers on every disconnect and
 * re-subscription without a RESCIND, so the book is cleared then). A node's
 * launch command names its offer; a launch whose offer is not being gathered
 * (e.g. found in an outbox after a restore) refers to a dead offer and is
 * never sent.
 *
 * Launches for one offer are gathered until every node matched to it has
 * either produced its launch or settled without one, then go out as ONE
 * ACCEPT: an offer id may be used only once.
 */
import type { Offer, TaskInfo } from '../../wire';
import type { Launch } from '../placement';

/** The launches gathered for one offer, ready for one ACCEPT (or a DECLINE when empty). */
export interface AcceptBatch {
  offer: Offer;
  /** The nodes that produced a launch, with their TaskInfos; `done` completes each node's launch command. */
  tasks: Array<{ nodeId: string; taskInfo: TaskInfo; done: () => void }>;
}

interface Gathering {
  offer: Offer;
  /** Planned launches of nodes that have neither launched nor settled yet. */
  waiting: Map<string, Launch>;
  tasks: AcceptBatch['tasks'];
}

export class OfferBook {
  private readonly gathering = new Map<string, Gathering>();

  /** Offers being gathered. */
  get size(): number {
    return this.gathering.size;
  }

  /** Starts gathering launches for an offer from the matcher's plan. */
  expect(offer: Offer, launches: readonly Launch[]): void {
    const id = offer.id?.value;
    if (!id) return;
    this.gathering.set(id, { offer, waiting: new Map(launches.map((l) => [l.node.nodeId, l])), tasks: [] });
  }

  /** The planned launch of a node on an offer, while the offer is gathered and the node has not launched yet. */
  plan(offerId: string, nodeId: string): Launch | undefined {
    return this.gathering.get(offerId)?.waiting.get(nodeId);
  }

  /** Records a node's task for its offer. Returns false when the offer is not gathered (a dead offer). */
  addTask(offerId: string, nodeId: string, taskInfo: TaskInfo, done: () => void): boolean {
    const gathering = this.gathering.get(offerId);
    if (!gathering || !gathering.waiting.delete(nodeId)) return false;
    gathering.tasks.push({ nodeId, taskInfo, done });
    return true;
  }

  /** A matched node settled without launching (its transition failed, or it was no longer pending). */
  settle(offerId: string, nodeId: string): void {
    this.gathering.get(offerId)?.waiting.delete(nodeId);
  }

  /** A node settled without launching on whatever offer it was matched to; returns those offer ids. */
  settleNode(nodeId: string): string[] {
    const offerIds: string[] = [];
    for (const [offerId, gathering] of this.gathering) if (gathering.waiting.delete(nodeId)) offerIds.push(offerId);
    return offerIds;
  }

  /** Takes the batch of an offer whose nodes have all launched or settled; the offer leaves the book. */
  takeReady(offerId: string): AcceptBatch | undefined {
    const gathering = this.gathering.get(offerId);
    if (!gathering || gathering.waiting.size > 0) return undefined;
    this.gathering.delete(offerId);
    return { offer: gathering.offer, tasks: gathering.tasks };
  }

  /**
   * Forgets an offer (RESCIND): its gathered launches are never sent; the
   * launch timeout and reconciliation decide those nodes. Returns their node ids.
   */
  remove(offerId: string): string[] {
    const gathering = this.gathering.get(offerId);
    if (!gathering) return [];
    this.gathering.delete(offerId);
    for (const task of gathering.tasks) task.done();
    return gathering.tasks.map((t) => t.nodeId);
  }

  /** Forgets everything: the subscription ended or began anew. Returns the node ids whose launches were dropped. */
  clear(): string[] {
    return [...this.gathering.keys()].flatMap((offerId) => this.remove(offerId));
  }
}
