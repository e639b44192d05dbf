/**
 * Dispatches an authenticated, validated non-SUBSCRIBE call of a subscribed
 * framework to the module that handles it. Returns the HTTP status of the
 * answer (202, or 200 for the synchronous UPDATE_FRAMEWORK).
 */
import { mesos } from '../../../proto/gen/mesos';
import { accept } from './accept';
import { BadCallError, CallNotImplementedError } from './errors';
import { frameworkInfoError, frameworkRoles } from './framework-validation';
import { removeFramework } from './frameworks';
import type { MasterContext } from './master-context';
import type { FrameworkRecord } from './master-state';
import { decline, removeOffer, revive, suppress } from './offer-allocator';
import { reconcile } from './reconciliation';
import { acknowledge, frameworkMessage, kill, shutdownExecutor } from './task-relay';
import { callTypeName } from './call-validation';

const T = mesos.v1.scheduler.Call.Type;

/** UPDATE_FRAMEWORK: roles, suppression and mutable fields replaced at once; offers to dropped roles rescinded. */
function updateFramework(ctx: MasterContext, framework: FrameworkRecord, update: mesos.v1.scheduler.Call.IUpdateFramework): void {
  const info = update.framework_info;
  const error = frameworkInfoError({ framework_info: info, suppressed_roles: update.suppressed_roles ?? [] });
  if (error) throw new BadCallError(`Invalid UPDATE_FRAMEWORK call: ${error}`);
  if ((info.user ?? '') !== (framework.info.user ?? '')) throw new BadCallError("Invalid UPDATE_FRAMEWORK call: Updating 'FrameworkInfo.user' is unsupported");
  if ((info.checkpoint ?? false) !== (framework.info.checkpoint ?? false)) throw new BadCallError("Invalid UPDATE_FRAMEWORK call: Updating 'FrameworkInfo.checkpoint' is unsupported");
  if ((info.principal ?? '') !== (framework.info.principal ?? '')) throw new BadCallError("Invalid UPDATE_FRAMEWORK call: Changing framework's principal is not allowed");
  const roles = frameworkRoles(info);
  const previouslySuppressed = framework.suppressedRoles;
  framework.info = { ...info, id: { value: framework.id } };
  framework.roles = roles;
  framework.capabilities = new Set((info.capabilities ?? []).map((c) => c.type ?? mesos.v1.FrameworkInfo.Capability.Type.UNKNOWN));
  framework.suppressedRoles = new Set(update.suppressed_roles ?? []);
  for (const offer of ctx.state.offersOf(framework.id)) if (!roles.includes(offer.role)) removeOffer(ctx, offer, true);
  const unsuppressed = [...previouslySuppressed].filter((r) => !framework.suppressedRoles.has(r));
  if (unsuppressed.length > 0) ctx.state.filters = ctx.state.filters.filter((f) => f.frameworkId !== framework.id || !unsuppressed.includes(f.role));
  ctx.allocateSoon();
}

/** Handles the call; throws a MasterHttpError for answers other than success. */
export function handleSchedulerCall(ctx: MasterContext, framework: FrameworkRecord, call: mesos.v1.scheduler.ICall): 200 | 202 {
  switch (call.type) {
    case T.TEARDOWN:
      removeFramework(ctx, framework, 'teardown');
      return 202;
    case T.ACCEPT:
      accept(ctx, framework, call.accept!);
      return 202;
    case T.DECLINE:
      decline(ctx, framework, call.decline!);
      return 202;
    case T.REVIVE:
      revive(ctx, framework, call.revive?.roles);
      return 202;
    case T.SUPPRESS:
      suppress(ctx, framework, call.suppress?.roles);
      return 202;
    case T.KILL:
      kill(ctx, framework, call.kill!);
      return 202;
    case T.SHUTDOWN:
      shutdownExecutor(ctx, framework, call.shutdown!);
      return 202;
    case T.ACKNOWLEDGE:
      acknowledge(ctx, framework, call.acknowledge!);
      return 202;
    case T.RECONCILE:
      reconcile(ctx, framework, call.reconcile!);
      return 202;
    case T.MESSAGE:
      frameworkMessage(ctx, framework, call.message!);
      return 202;
    case T.UPDATE_FRAMEWORK:
      updateFramework(ctx, framework, call.update_framework!);
      return 200;
    // No maintenance schedules, no operation feedback and no REQUEST handling here, as in a default
    // Mesos master: accepted and without effect.
    case T.REQUEST:
    case T.ACCEPT_INVERSE_OFFERS:
    case T.DECLINE_INVERSE_OFFERS:
    case T.ACKNOWLEDGE_OPERATION_STATUS:
    case T.RECONCILE_OPERATIONS:
      return 202;
    default:
      throw new CallNotImplementedError(callTypeName(call.type));
  }
}
