/**
 * When to decline for how long, SUPPRESS and REVIVE (§5.3: decline what you
 * cannot use, suppress when there is no pending work, revive when work
 * appears).
 *
 * A decline's `refuse_seconds` filters the agent for this framework, so
 * while nodes are pending it stays short (another task may free resources
 * soon), and when nothing is pending it is long (a REVIVE clears all filters
 * as soon as work appears).
 */

/** How long declined offers stay filtered. */
export interface OfferPolicyOptions {
  /** refuse_seconds for offers declined while nodes are pending. Default 5 (the Mesos default). */
  pendingRefuseSeconds?: number;
  /** refuse_seconds for offers declined while nothing is pending. Default 3600. */
  idleRefuseSeconds?: number;
}

/** What the scheduler last told the master about offers. */
export interface OfferState {
  /** SUPPRESS sent (and no REVIVE since). */
  suppressed: boolean;
  /** Pending nodes when the state was last computed. */
  pendingCount: number;
}

/** A call to send: `schedulerCalls.suppress` / `schedulerCalls.revive`. */
export type OfferAction = { type: 'SUPPRESS' } | { type: 'REVIVE' };

/** The next offer state and the calls that get there. */
export interface OfferDecision {
  state: OfferState;
  actions: OfferAction[];
}

/** Upper bound Mesos applies to refuse_seconds (365 days). */
export const MAX_REFUSE_SECONDS = 31_536_000;

/** The state right after SUBSCRIBED: a new subscription is not suppressed and has no filters. */
export function initialOfferState(): OfferState {
  return { suppressed: false, pendingCount: 0 };
}

/** refuse_seconds for declining offers, given how many nodes are pending. */
export function declineRefuseSeconds(pendingCount: number, options: OfferPolicyOptions = {}): number {
  const seconds = pendingCount > 0 ? (options.pendingRefuseSeconds ?? 5) : (options.idleRefuseSeconds ?? 3600);
  return Math.min(Math.max(0, seconds), MAX_REFUSE_SECONDS);
}

/**
 * The SUPPRESS / REVIVE calls to send when the number of pending nodes
 * changes. Call it after every change of the pending set.
 *
 * - nothing pending and not suppressed: SUPPRESS;
 * - something pending and suppressed: REVIVE;
 * - more pending than before (a node became pending) while not suppressed:
 *   REVIVE as well, to clear the decline filters earlier declines left on
 *   agents that may suit the new node.
 */
export function nextOfferActions(prev: OfferState, pendingCount: number): OfferDecision {
  if (pendingCount <= 0) {
    return { state: { suppressed: true, pendingCount: 0 }, actions: prev.suppressed ? [] : [{ type: 'SUPPRESS' }] };
  }
  const revive = prev.suppressed || pendingCount > prev.pendingCount;
  return { state: { suppressed: false, pendingCount }, actions: revive ? [{ type: 'REVIVE' }] : [] };
}
