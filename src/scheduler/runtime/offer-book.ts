/**
 * The offers at hand and the launches being gathered for them.
 *
 * An offer lives from OFFERS until it is accepted or declined, rescinded, or
 * the subscription ends (Mesos discards offers on every disconnect and
 * re-subscription without a RESCIND, so the book is cleared then). A node's
 * launch command names its offer; a launch whose offer is not in the book
 * (e.g. found in an outbox after a restore) refers to a dead offer and is
 * never sent.
 *
 * Launches for one offer are gathered until every node matched to it has
 * either produced its launch or settled without one, then go out as ONE
 * ACCEPT: an offer id may be used only once.
 */
import type { Offer, TaskInfo } from '../../wire';

/** The launches gathered for one offer, ready for one ACCEPT (or a DECLINE when empty). */
export interface AcceptBatch {
  offer: Offer;
  /** The nodes that produced a launch, with their TaskInfos. */
  launches: Array<{ nodeId: string; commandId: string; taskInfo: TaskInfo }>;
}

interface Gathering {
  offer: Offer;
  /** Matched nodes that have neither launched nor settled yet. */
  waiting: Set<string>;
  launches: AcceptBatch['launches'];
}

export class OfferBook {
  private readonly gathering = new Map<string, Gathering>();
  private readonly known = new Map<string, Offer>();

  /** Number of offers held (gathering or not). */
  get size(): number {
    return this.known.size;
  }

  /** Adds offers from an OFFERS event. */
  add(offers: readonly Offer[]): void {
    for (const offer of offers) {
      const id = offer.id?.value;
      if (id) this.known.set(id, offer);
    }
  }

  has(offerId: string): boolean {
    return this.known.has(offerId);
  }

  /** Forgets an offer (RESCIND, DECLINE); a gathering for it is dropped. */
  remove(offerId: string): void {
    this.known.delete(offerId);
    this.gathering.delete(offerId);
  }

  /** Forgets everything: the subscription ended or began anew. */
  clear(): void {
    this.known.clear();
    this.gathering.clear();
  }

  /** Starts gathering launches for `offerId` from `nodeIds`. */
  expect(offerId: string, nodeIds: readonly string[]): void {
    const offer = this.known.get(offerId);
    if (!offer) return;
    this.gathering.set(offerId, { offer, waiting: new Set(nodeIds), launches: [] });
  }

  /**
   * Records a node's launch for its offer. Returns false when the offer is
   * not being gathered (a dead offer): the launch must not be sent.
   */
  addLaunch(offerId: string, nodeId: string, commandId: string, taskInfo: TaskInfo): boolean {
    const gathering = this.gathering.get(offerId);
    if (!gathering || !gathering.waiting.has(nodeId)) return false;
    gathering.waiting.delete(nodeId);
    gathering.launches.push({ nodeId, commandId, taskInfo });
    return true;
  }

  /** A matched node settled without launching (its transition failed, or it was no longer pending). */
  settle(offerId: string, nodeId: string): void {
    this.gathering.get(offerId)?.waiting.delete(nodeId);
  }

  /** Takes the batch of an offer whose nodes have all launched or settled; the offer leaves the book. */
  takeReady(offerId: string): AcceptBatch | undefined {
    const gathering = this.gathering.get(offerId);
    if (!gathering || gathering.waiting.size > 0) return undefined;
    this.remove(offerId);
    return { offer: gathering.offer, launches: gathering.launches };
  }
}
