export { matchOffers, launchesByOffer } from './offer-matcher';
export type { PendingNode, PlacementContext, OfferMatcherOptions, Launch, MatchResult } from './offer-matcher';

export { summarizeRejections, placementReason, MAX_LISTED_REJECTIONS } from './placement-reason';
export type { OfferRef, OfferRejection, ResourceRejection, ConstraintRejection, PolicyRejection, PlacementReason } from './placement-reason';

export { checkConstraint, firstViolation, PeerGroups } from './constraints';
export { needsPeers } from './placement-peers';
export type { NodePlacement, ConstraintVerdict } from './constraints';

export { parseConstraint, parseConstraints, CONSTRAINT_TYPES } from './constraint-parser';
export type { PlacementConstraint, ConstraintType } from './constraint-parser';

export { renderAttribute, attributeValue, fieldValue, isHostnameField } from './attributes';
export type { PlacementTarget } from './attributes';

export { ResourcePool, reservationRole } from './resources';
export type { ResourcePoolOptions, Allocation, TakeResult } from './resources';

export { sumDemands, resourceUnit } from './resource-demand';
export type { ResourceDemand, ResourceName, ResourceShortfall } from './resource-demand';

export { normalizeRanges, countPorts, containsPort, lowestPorts, removePorts, portsToRanges, portsWithin } from './port-ranges';
export type { PortRange } from './port-ranges';

export { toThousandths, fromThousandths } from './scalar-math';
export type { Thousandths } from './scalar-math';

export { declineRefuseSeconds, nextOfferActions, initialOfferState, MAX_REFUSE_SECONDS } from './offer-policy';
export type { OfferPolicyOptions, OfferState, OfferAction, OfferDecision } from './offer-policy';

export { InvalidConstraintError } from './placement-errors';

export { ValueType, uint64ToNumber, offerIdentity, isSpecialDisk } from './mesos-types';
export type { Offer, Resource, Attribute, SchedulerConstraintInfo, Uint64 } from './mesos-types';
