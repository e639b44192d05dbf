/**
 * Narrowing of scheduler events by type, and the status-update predicates the
 * scheduler needs. Every guard checks both `type` and its payload, so an event
 * of an unknown type (a newer master), or a known type without its payload,
 * simply matches no guard.
 */
import { mesos } from '../../proto/gen/mesos';
import type { SchedulerEvent, TaskStatus } from './types';

type Event = mesos.v1.scheduler.IEvent;
const T = mesos.v1.scheduler.Event.Type;
const S = mesos.v1.TaskState;

/** A SUBSCRIBED event with its payload. */
export type SubscribedEvent = Event & { type: mesos.v1.scheduler.Event.Type.SUBSCRIBED; subscribed: mesos.v1.scheduler.Event.ISubscribed };
/** An OFFERS event with its payload. */
export type OffersEvent = Event & { type: mesos.v1.scheduler.Event.Type.OFFERS; offers: mesos.v1.scheduler.Event.IOffers };
/** A RESCIND event with its payload. */
export type RescindEvent = Event & { type: mesos.v1.scheduler.Event.Type.RESCIND; rescind: mesos.v1.scheduler.Event.IRescind };
/** An UPDATE event with its payload. */
export type UpdateEvent = Event & { type: mesos.v1.scheduler.Event.Type.UPDATE; update: mesos.v1.scheduler.Event.IUpdate };
/** A MESSAGE event with its payload. */
export type MessageEvent = Event & { type: mesos.v1.scheduler.Event.Type.MESSAGE; message: mesos.v1.scheduler.Event.IMessage };
/** A FAILURE event; `agent_id`, `executor_id` and `status` inside may each be absent. */
export type FailureEvent = Event & { type: mesos.v1.scheduler.Event.Type.FAILURE; failure: mesos.v1.scheduler.Event.IFailure };
/** An ERROR event with its payload. */
export type ErrorEvent = Event & { type: mesos.v1.scheduler.Event.Type.ERROR; error: mesos.v1.scheduler.Event.IError };
/** A HEARTBEAT event (it has no payload). */
export type HeartbeatEvent = Event & { type: mesos.v1.scheduler.Event.Type.HEARTBEAT };
/** An INVERSE_OFFERS event with its payload. */
export type InverseOffersEvent = Event & { type: mesos.v1.scheduler.Event.Type.INVERSE_OFFERS; inverse_offers: mesos.v1.scheduler.Event.IInverseOffers };
/** A RESCIND_INVERSE_OFFER event with its payload. */
export type RescindInverseOfferEvent = Event & { type: mesos.v1.scheduler.Event.Type.RESCIND_INVERSE_OFFER; rescind_inverse_offer: mesos.v1.scheduler.Event.IRescindInverseOffer };
/** An UPDATE_OPERATION_STATUS event with its payload. */
export type UpdateOperationStatusEvent = Event & { type: mesos.v1.scheduler.Event.Type.UPDATE_OPERATION_STATUS; update_operation_status: mesos.v1.scheduler.Event.IUpdateOperationStatus };

const present = (value: unknown): boolean => value !== null && value !== undefined;

export const isSubscribed = (e: SchedulerEvent): e is SubscribedEvent => e.type === T.SUBSCRIBED && present(e.subscribed);
export const isOffers = (e: SchedulerEvent): e is OffersEvent => e.type === T.OFFERS && present(e.offers);
export const isRescind = (e: SchedulerEvent): e is RescindEvent => e.type === T.RESCIND && present(e.rescind);
export const isUpdate = (e: SchedulerEvent): e is UpdateEvent => e.type === T.UPDATE && present(e.update);
export const isMessage = (e: SchedulerEvent): e is MessageEvent => e.type === T.MESSAGE && present(e.message);
export const isFailure = (e: SchedulerEvent): e is FailureEvent => e.type === T.FAILURE && present(e.failure);
export const isError = (e: SchedulerEvent): e is ErrorEvent => e.type === T.ERROR && present(e.error);
export const isHeartbeat = (e: SchedulerEvent): e is HeartbeatEvent => e.type === T.HEARTBEAT;
export const isInverseOffers = (e: SchedulerEvent): e is InverseOffersEvent => e.type === T.INVERSE_OFFERS && present(e.inverse_offers);
export const isRescindInverseOffer = (e: SchedulerEvent): e is RescindInverseOfferEvent =>
  e.type === T.RESCIND_INVERSE_OFFER && present(e.rescind_inverse_offer);
export const isUpdateOperationStatus = (e: SchedulerEvent): e is UpdateOperationStatusEvent =>
  e.type === T.UPDATE_OPERATION_STATUS && present(e.update_operation_status);

/** True when the event's type is one this SDK knows (a newer master may send others; ignore them). */
export function isKnownSchedulerEvent(e: SchedulerEvent): boolean {
  return typeof e.type === 'number' && e.type !== T.UNKNOWN && mesos.v1.scheduler.Event.Type[e.type] !== undefined;
}

/**
 * True iff the update must be acknowledged: exactly when it carries a uuid.
 * Master-generated updates (reconciliation answers, invalid launches) have none.
 */
export function needsAcknowledgement(status: Pick<TaskStatus, 'uuid'>): boolean {
  return status.uuid !== null && status.uuid !== undefined;
}

const TERMINAL_STATES: ReadonlySet<number> = new Set([
  S.TASK_FINISHED,
  S.TASK_FAILED,
  S.TASK_KILLED,
  S.TASK_LOST,
  S.TASK_ERROR,
  S.TASK_DROPPED,
  S.TASK_GONE,
  S.TASK_GONE_BY_OPERATOR,
]);

/**
 * True for the states Mesos itself treats as terminal: FINISHED, FAILED,
 * KILLED, LOST, ERROR, DROPPED, GONE, GONE_BY_OPERATOR. (A LOST task can
 * still come back when its partitioned agent re-registers.)
 */
export function isTerminalTaskState(state: number | null | undefined): boolean {
  return typeof state === 'number' && TERMINAL_STATES.has(state);
}

/** How an executor process ended, from a POSIX wait status. */
export type WaitStatus =
  | { readonly kind: 'exited'; readonly exitCode: number }
  | { readonly kind: 'signaled'; readonly signal: number; readonly coreDumped: boolean };

/**
 * Decodes `FAILURE.status`, the raw POSIX wait status a Linux agent reports;
 * `undefined` when absent. (Windows agents send the exit code itself, which
 * this cannot tell apart.)
 */
export function decodeWaitStatus(status: number | null | undefined): WaitStatus | undefined {
  if (typeof status !== 'number') return undefined;
  const signal = status & 0x7f;
  if (signal === 0) return { kind: 'exited', exitCode: (status >> 8) & 0xff };
  return { kind: 'signaled', signal, coreDumped: (status & 0x80) !== 0 };
}
