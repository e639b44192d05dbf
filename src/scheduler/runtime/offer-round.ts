/**
 * What the scheduler does with offers: match the pending nodes, tell each
 * matched node (`offer.matched`) and each unplaced one (`offer.unplaced`,
 * with the reason's summary; the structured reason stays in memory), send
 * ONE ACCEPT per offer once its nodes' launches are durable, decline the
 * rest, and SUPPRESS / REVIVE as the pending set empties and fills.
 */
import type { NodeRuntime } from '../../nodes';
import type { Logger } from '../../util/logger';
import { schedulerCalls, type Offer } from '../../wire';
import {
  declineRefuseSeconds,
  initialOfferState,
  launchesByOffer,
  matchOffers,
  needsPeers,
  nextOfferActions,
  type Launch,
  type NodePlacement,
  type OfferPolicyOptions,
  type OfferState,
  type PendingNode,
  type PlacementReason,
} from '../placement';
import { pendingNodeFromInfo } from '../tasks';
import { nodeMetaOf } from './hosted-views';
import type { SubscriptionClient } from './mesos-connection';
import type { OfferBook } from './offer-book';
import { nodeInfoFromJson, withIds } from './node-info';
import type { ReconcileTask } from '../reconciliation';
import type { Reconciler } from './reconciler';
import type { MetricsRecorder } from './runtime-metrics';

export interface OfferRoundOptions {
  client: Pick<SubscriptionClient, 'send'>;
  nodes: NodeRuntime;
  offers: OfferBook;
  reconciler: Reconciler;
  metrics: MetricsRecorder;
  logger: Logger;
  roles: readonly string[];
  policy?: OfferPolicyOptions;
  /** The subscribed FrameworkID, or undefined. */
  frameworkId: () => string | undefined;
  /** An ACCEPT launching these tasks was answered 202. */
  onAccepted?: (tasks: ReconcileTask[]) => void;
  /** A pending node was told a new reason why it is not placed. */
  onUnplaced?: (nodeId: string) => void;
}

export class OfferRound {
  /** Pending node ids, in the order they became pending (FIFO placement). */
  readonly pending = new Set<string>();
  /** Why each pending node was not placed by the last offers. */
  readonly unplaced = new Map<string, PlacementReason>();
  private readonly agents = new Map<string, Pick<NodePlacement, 'hostname' | 'attributes'>>();
  /**
   * Each pending node's placement demand, parsed once from its stored
   * description: re-parsing every pending node on every OFFERS event made a
   * 10,000-node deploy quadratic. Keyed by node id, checked against the JSON.
   */
  private readonly parsed = new Map<string, { infoJson: string; node: PendingNode | undefined }>();
  private state: OfferState = initialOfferState();
  /** SUPPRESS, REVIVE and DECLINE go out one after the other: on parallel connections a REVIVE could overtake its SUPPRESS or a DECLINE. */
  private offerCalls: Promise<void> = Promise.resolve();

  constructor(private readonly options: OfferRoundOptions) {}

  /** A node's state changed. */
  nodeState(nodeId: string, state: string | undefined): void {
    this.pending.delete(nodeId);
    if (state === 'pending') this.pending.add(nodeId);
    else {
      this.unplaced.delete(nodeId);
      this.parsed.delete(nodeId);
    }
    this.adjust();
  }

  /** A new subscription: no offers held, no suppression, no filters. */
  resubscribed(): void {
    this.options.offers.clear();
    this.state = initialOfferState();
    this.adjust(true);
  }

  /** Sends SUPPRESS or REVIVE when the pending set calls for it. */
  adjust(initial = false): void {
    const frameworkId = this.options.frameworkId();
    if (frameworkId === undefined) return;
    const decision = nextOfferActions(this.state, this.pending.size);
    this.state = decision.state;
    const actions = initial && decision.actions.length === 0 && this.pending.size > 0 ? [{ type: 'REVIVE' as const }] : decision.actions;
    for (const action of actions) {
      const roles = [...this.options.roles];
      const call = action.type === 'SUPPRESS' ? schedulerCalls.suppress(frameworkId, roles) : schedulerCalls.revive(frameworkId, roles);
      this.options.logger.debug({ pending: this.pending.size }, action.type);
      this.offerCalls = this.offerCalls.then(() => this.options.client.send(call)).catch((err: unknown) => this.options.logger.warn({ err }, `${action.type} failed`));
    }
  }

  /** Handles an OFFERS event. */
  offered(offers: readonly Offer[]): void {
    const { metrics, nodes, logger } = this.options;
    metrics.count('offersReceived', offers.length);
    for (const offer of offers) {
      const agentId = offer.agent_id?.value;
      if (agentId) this.agents.set(agentId, { hostname: offer.hostname ?? '', attributes: offer.attributes ?? [] });
    }
    const pending: PendingNode[] = [];
    for (const nodeId of this.pending) {
      const host = nodes.nodes.get(nodeId);
      if (!host) continue;
      const { infoJson } = nodeMetaOf(host);
      let entry = this.parsed.get(nodeId);
      if (!entry || entry.infoJson !== infoJson) {
        entry = { infoJson, node: undefined };
        try {
          entry.node = pendingNodeFromInfo(withIds(nodeInfoFromJson(infoJson), host.appId, nodeId));
        } catch (err) {
          // Logged once per description, not on every OFFERS event.
          logger.error({ err, nodeId }, 'the node cannot be placed: its description is invalid');
        }
        this.parsed.set(nodeId, entry);
      }
      if (entry.node) pending.push(entry.node);
    }
    // Placements only matter to inter-node constraints; walking every node is skipped when none has one.
    const placements = pending.some((n) => needsPeers(n.constraints)) ? this.placements() : [];
    const result = matchOffers(pending, offers, { placements }, { roles: [...this.options.roles] });
    logger.debug({ offers: offers.length, pending: pending.length, launches: result.launches.length, declines: result.declines.length }, 'OFFERS matched');
    for (const { offer, launches } of launchesByOffer(result.launches)) {
      this.options.offers.expect(offer, launches);
      for (const launch of launches) this.match(launch);
    }
    this.decline(result.declines.map((id) => id.value ?? '').filter((id) => id !== ''), pending.length - result.launches.length);
    for (const [nodeId, reason] of result.unplaced) {
      this.unplaced.set(nodeId, reason);
      const host = nodes.nodes.get(nodeId);
      if (host && host.snapshot.context.pendingReason !== reason.summary) {
        host.send({ type: 'offer.unplaced', reason: reason.summary });
        this.options.onUnplaced?.(nodeId);
      }
    }
  }

  /** Sends the ACCEPT of an offer whose launches are all durable (or a DECLINE when none came). */
  flush(offerId: string): void {
    const batch = this.options.offers.takeReady(offerId);
    const frameworkId = this.options.frameworkId();
    if (!batch) return;
    const done = () => batch.tasks.forEach((t) => t.done());
    if (frameworkId === undefined) return done();
    if (batch.tasks.length === 0) return this.decline([offerId], this.pending.size);
    const call = schedulerCalls.accept(frameworkId, [offerId], [schedulerCalls.launch(batch.tasks.map((t) => t.taskInfo))], {
      refuse_seconds: declineRefuseSeconds(this.pending.size, this.options.policy),
    });
    this.options.metrics.count('offersAccepted');
    this.options.metrics.count('tasksLaunched', batch.tasks.length);
    this.options.logger.info({ offerId, tasks: batch.tasks.map((t) => t.taskInfo.task_id?.value) }, 'ACCEPT');
    const agentId = batch.offer.agent_id?.value;
    const tasks = batch.tasks.map((t) => ({ taskId: t.taskInfo.task_id?.value ?? '', ...(agentId ? { agentId } : {}) }));
    this.options.client
      .send(call)
      .then(
        () => this.options.onAccepted?.(tasks),
        (err: unknown) => {
          this.options.logger.warn({ err, offerId }, 'ACCEPT failed; reconciliation and the launch timeout decide its tasks');
          this.options.reconciler.add(tasks);
        },
      )
      .finally(done);
  }

  /** A node's launch will not come (its transition was not persisted). */
  nodeFailed(nodeId: string): void {
    for (const offerId of this.options.offers.settleNode(nodeId)) this.flush(offerId);
  }

  private match(launch: Launch): void {
    const host = this.options.nodes.nodes.get(launch.node.nodeId);
    const offerId = launch.offer.id?.value ?? '';
    if (host) {
      host.send({ type: 'offer.matched', agentId: launch.offer.agent_id?.value ?? '', hostname: launch.offer.hostname ?? '', offerId, ports: launch.ports });
      const launched = host.snapshot.context.outbox.some((c) => c.type === 'launch' && c.offerId === offerId);
      if (launched) return;
    }
    this.options.offers.settle(offerId, launch.node.nodeId);
    this.flush(offerId);
  }

  private decline(offerIds: string[], stillPending: number): void {
    const frameworkId = this.options.frameworkId();
    if (offerIds.length === 0 || frameworkId === undefined) return;
    this.options.metrics.count('offersDeclined', offerIds.length);
    const refuseSeconds = declineRefuseSeconds(Math.max(0, stillPending), this.options.policy);
    // In line with SUPPRESS and REVIVE: a long-refusal DECLINE that overtook a later
    // REVIVE on another connection would filter that agent's offers for an hour.
    const call = schedulerCalls.decline(frameworkId, offerIds, { refuseSeconds });
    this.offerCalls = this.offerCalls.then(() => this.options.client.send(call)).catch((err: unknown) => this.options.logger.warn({ err }, 'DECLINE failed'));
  }

  /** Where the live nodes run, for constraints that look at peers. */
  private placements(): NodePlacement[] {
    const placements: NodePlacement[] = [];
    for (const host of this.options.nodes.nodes.values()) {
      const { agentId, hostname } = host.snapshot.context;
      if (!agentId || !host.snapshot.hasTag('live')) continue;
      const agent = this.agents.get(agentId);
      placements.push({ appId: host.appId, nodeId: host.nodeId, agentId, hostname: hostname ?? agent?.hostname ?? '', attributes: agent?.attributes ?? [] });
    }
    return placements;
  }
}
