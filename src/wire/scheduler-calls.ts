/**
 * Constructors of scheduler Calls. Each returns a plain `mesos.v1.scheduler.Call`
 * and sends nothing; the transport sends it. They copy what they are given,
 * so a returned call never aliases the caller's objects at its top levels.
 *
 * @example
 * const call = schedulerCalls.decline(frameworkId, [offer.id], { refuseSeconds: 300 })
 */
import { mesos } from '../../proto/gen/mesos';
import { toId, type IdLike } from './ids';
import type {
  Filters,
  FrameworkInfo,
  KillPolicy,
  OfferConstraints,
  OfferOperation,
  SchedulerCall,
  TaskStatus,
} from './types';

const CallType = mesos.v1.scheduler.Call.Type;

/** Options of {@link subscribe}. */
export interface SubscribeOptions {
  /** The id Mesos assigned earlier: present = re-subscription. Defaults to `frameworkInfo.id`. */
  frameworkId?: IdLike | null;
  /** Roles to subscribe to in the suppressed state. */
  suppressedRoles?: string[];
  /** Per-role offer constraints (Mesos >= 1.11). */
  offerConstraints?: OfferConstraints;
}

/**
 * SUBSCRIBE. For a new framework (no `frameworkId` and no `frameworkInfo.id`)
 * neither `Call.framework_id` nor `framework_info.id` is set; on
 * re-subscription both are set to the same id, as the master requires.
 */
export function subscribe(frameworkInfo: FrameworkInfo, options: SubscribeOptions = {}): SchedulerCall {
  const id = options.frameworkId ?? frameworkInfo.id ?? undefined;
  const info: FrameworkInfo = { ...frameworkInfo };
  delete info.id;
  const sub: mesos.v1.scheduler.Call.ISubscribe = { framework_info: info };
  if (options.suppressedRoles && options.suppressedRoles.length > 0) sub.suppressed_roles = [...options.suppressedRoles];
  if (options.offerConstraints) sub.offer_constraints = options.offerConstraints;
  if (id === undefined) return { type: CallType.SUBSCRIBE, subscribe: sub };
  info.id = toId(id);
  return { framework_id: toId(id), type: CallType.SUBSCRIBE, subscribe: sub };
}

/** TEARDOWN: removes the framework, killing all its tasks. */
export function teardown(frameworkId: IdLike): SchedulerCall {
  return { framework_id: toId(frameworkId), type: CallType.TEARDOWN };
}

/** ACCEPT: applies `operations`, in order, to offers of one agent and role. */
export function accept(
  frameworkId: IdLike,
  offerIds: IdLike[],
  operations: OfferOperation[],
  filters?: Filters,
): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IAccept = { offer_ids: offerIds.map(toId), operations: [...operations] };
  if (filters) body.filters = { ...filters };
  return { framework_id: toId(frameworkId), type: CallType.ACCEPT, accept: body };
}

/** Options of {@link decline}. */
export interface DeclineOptions {
  /** How long the declined resources are not offered again (Mesos default 5 s, max 365 days). */
  refuseSeconds?: number;
}

/** DECLINE: returns offers unused. */
export function decline(frameworkId: IdLike, offerIds: IdLike[], options: DeclineOptions = {}): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IDecline = { offer_ids: offerIds.map(toId) };
  if (options.refuseSeconds !== undefined) body.filters = { refuse_seconds: options.refuseSeconds };
  return { framework_id: toId(frameworkId), type: CallType.DECLINE, decline: body };
}

export { launch, launchGroup, reserve, unreserve, create, destroy } from './offer-operations';

/** REVIVE: clears filters and un-suppresses `roles` (all roles when none are given). */
export function revive(frameworkId: IdLike, roles?: string[]): SchedulerCall {
  const call: SchedulerCall = { framework_id: toId(frameworkId), type: CallType.REVIVE };
  if (roles && roles.length > 0) call.revive = { roles: [...roles] };
  return call;
}

/** SUPPRESS: stops offers for `roles` (all roles when none are given). */
export function suppress(frameworkId: IdLike, roles?: string[]): SchedulerCall {
  const call: SchedulerCall = { framework_id: toId(frameworkId), type: CallType.SUPPRESS };
  if (roles && roles.length > 0) call.suppress = { roles: [...roles] };
  return call;
}

/** Options of {@link kill}. */
export interface KillOptions {
  agentId?: IdLike;
  /** Overrides the task's kill policy for this kill. */
  killPolicy?: KillPolicy;
}

/** KILL: kills a task. */
export function kill(frameworkId: IdLike, taskId: IdLike, options: KillOptions = {}): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IKill = { task_id: toId(taskId) };
  if (options.agentId !== undefined) body.agent_id = toId(options.agentId);
  if (options.killPolicy) body.kill_policy = options.killPolicy;
  return { framework_id: toId(frameworkId), type: CallType.KILL, kill: body };
}

/** SHUTDOWN: shuts down a custom executor. */
export function shutdown(frameworkId: IdLike, executorId: IdLike, agentId: IdLike): SchedulerCall {
  return {
    framework_id: toId(frameworkId),
    type: CallType.SHUTDOWN,
    shutdown: { executor_id: toId(executorId), agent_id: toId(agentId) },
  };
}

/** What an ACKNOWLEDGE names: exactly the `agent_id`, `task_id` and `uuid` of the update. */
export interface AcknowledgeTarget {
  agentId: IdLike;
  taskId: IdLike;
  uuid: Uint8Array;
}

/** ACKNOWLEDGE: acknowledges one status update that carried a uuid. */
export function acknowledge(frameworkId: IdLike, target: AcknowledgeTarget): SchedulerCall {
  return {
    framework_id: toId(frameworkId),
    type: CallType.ACKNOWLEDGE,
    acknowledge: { agent_id: toId(target.agentId), task_id: toId(target.taskId), uuid: target.uuid },
  };
}

/**
 * ACKNOWLEDGE for `status`, copying its ids and uuid. Throws a TypeError when
 * the status has no uuid or agent id: such updates must not be acknowledged.
 */
export function acknowledgeStatus(frameworkId: IdLike, status: TaskStatus): SchedulerCall {
  if (!status.uuid || !status.agent_id) {
    throw new TypeError('a status update without uuid or agent_id must not be acknowledged');
  }
  return acknowledge(frameworkId, { agentId: status.agent_id, taskId: status.task_id, uuid: status.uuid });
}

/** One task of an explicit reconciliation. Give the agent id when known. */
export interface ReconcileTarget {
  taskId: IdLike;
  agentId?: IdLike;
}

/** RECONCILE: explicit for the given tasks; implicit (all tasks, `reconcile: {}`) for none. */
export function reconcile(frameworkId: IdLike, tasks: ReconcileTarget[] = []): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IReconcile = {};
  if (tasks.length > 0) {
    body.tasks = tasks.map((t) => (t.agentId === undefined ? { task_id: toId(t.taskId) } : { task_id: toId(t.taskId), agent_id: toId(t.agentId) }));
  }
  return { framework_id: toId(frameworkId), type: CallType.RECONCILE, reconcile: body };
}

/** MESSAGE: best-effort bytes to a running executor. */
export function message(frameworkId: IdLike, agentId: IdLike, executorId: IdLike, data: Uint8Array): SchedulerCall {
  return {
    framework_id: toId(frameworkId),
    type: CallType.MESSAGE,
    message: { agent_id: toId(agentId), executor_id: toId(executorId), data },
  };
}

/** What an ACKNOWLEDGE_OPERATION_STATUS names; `uuid` is the raw `OperationStatus.uuid.value`. */
export interface AcknowledgeOperationTarget {
  agentId?: IdLike;
  resourceProviderId?: IdLike;
  uuid: Uint8Array;
  operationId: IdLike;
}

/** ACKNOWLEDGE_OPERATION_STATUS. The current master also wants `agentId`. */
export function acknowledgeOperationStatus(frameworkId: IdLike, target: AcknowledgeOperationTarget): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IAcknowledgeOperationStatus = {
    uuid: target.uuid,
    operation_id: toId(target.operationId),
  };
  if (target.agentId !== undefined) body.agent_id = toId(target.agentId);
  if (target.resourceProviderId !== undefined) body.resource_provider_id = toId(target.resourceProviderId);
  return { framework_id: toId(frameworkId), type: CallType.ACKNOWLEDGE_OPERATION_STATUS, acknowledge_operation_status: body };
}

/** One operation of RECONCILE_OPERATIONS. */
export interface ReconcileOperationTarget {
  operationId: IdLike;
  agentId?: IdLike;
  resourceProviderId?: IdLike;
}

/** RECONCILE_OPERATIONS: the given operations, or all known ones for none. */
export function reconcileOperations(frameworkId: IdLike, operations: ReconcileOperationTarget[] = []): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IReconcileOperations = {};
  if (operations.length > 0) {
    body.operations = operations.map((o) => {
      const op: mesos.v1.scheduler.Call.ReconcileOperations.IOperation = { operation_id: toId(o.operationId) };
      if (o.agentId !== undefined) op.agent_id = toId(o.agentId);
      if (o.resourceProviderId !== undefined) op.resource_provider_id = toId(o.resourceProviderId);
      return op;
    });
  }
  return { framework_id: toId(frameworkId), type: CallType.RECONCILE_OPERATIONS, reconcile_operations: body };
}

/** Options of {@link updateFramework}. */
export interface UpdateFrameworkOptions {
  suppressedRoles?: string[];
  offerConstraints?: OfferConstraints;
}

/** UPDATE_FRAMEWORK (Mesos >= 1.9): `framework_info.id` is set to `frameworkId`. */
export function updateFramework(
  frameworkId: IdLike,
  frameworkInfo: FrameworkInfo,
  options: UpdateFrameworkOptions = {},
): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IUpdateFramework = { framework_info: { ...frameworkInfo, id: toId(frameworkId) } };
  if (options.suppressedRoles && options.suppressedRoles.length > 0) body.suppressed_roles = [...options.suppressedRoles];
  if (options.offerConstraints) body.offer_constraints = options.offerConstraints;
  return { framework_id: toId(frameworkId), type: CallType.UPDATE_FRAMEWORK, update_framework: body };
}

/** ACCEPT_INVERSE_OFFERS (maintenance). */
export function acceptInverseOffers(frameworkId: IdLike, inverseOfferIds: IdLike[], filters?: Filters): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IAcceptInverseOffers = { inverse_offer_ids: inverseOfferIds.map(toId) };
  if (filters) body.filters = { ...filters };
  return { framework_id: toId(frameworkId), type: CallType.ACCEPT_INVERSE_OFFERS, accept_inverse_offers: body };
}

/** DECLINE_INVERSE_OFFERS (maintenance). */
export function declineInverseOffers(frameworkId: IdLike, inverseOfferIds: IdLike[], filters?: Filters): SchedulerCall {
  const body: mesos.v1.scheduler.Call.IDeclineInverseOffers = { inverse_offer_ids: inverseOfferIds.map(toId) };
  if (filters) body.filters = { ...filters };
  return { framework_id: toId(frameworkId), type: CallType.DECLINE_INVERSE_OFFERS, decline_inverse_offers: body };
}
