/**
 * The envelope checks a Mesos master makes on every scheduler call before
 * handling it (`validation::scheduler::call::validate`), worded as Mesos
 * words them. The HTTP layer answers a failure with 400
 * "Failed to validate scheduler::Call: <reason>".
 */
import { mesos } from '../../../proto/gen/mesos';
import { isValidUuidBytes } from './ids';
import { has } from './presence';

const T = mesos.v1.scheduler.Call.Type;

/** Call types whose sub-message must be present, and the field that holds it. */
const REQUIRED_SUB_MESSAGE: Partial<Record<mesos.v1.scheduler.Call.Type, keyof mesos.v1.scheduler.ICall & string>> = {
  [T.ACCEPT]: 'accept',
  [T.DECLINE]: 'decline',
  [T.ACCEPT_INVERSE_OFFERS]: 'accept_inverse_offers',
  [T.DECLINE_INVERSE_OFFERS]: 'decline_inverse_offers',
  [T.KILL]: 'kill',
  [T.SHUTDOWN]: 'shutdown',
  [T.ACKNOWLEDGE]: 'acknowledge',
  [T.ACKNOWLEDGE_OPERATION_STATUS]: 'acknowledge_operation_status',
  [T.RECONCILE]: 'reconcile',
  [T.RECONCILE_OPERATIONS]: 'reconcile_operations',
  [T.MESSAGE]: 'message',
  [T.REQUEST]: 'request',
  [T.UPDATE_FRAMEWORK]: 'update_framework',
};

function missingRequired(call: mesos.v1.scheduler.ICall): string[] {
  const missing: string[] = [];
  const need = (ok: boolean, path: string) => ok || missing.push(path);
  const info = call.subscribe?.framework_info;
  if (call.subscribe) {
    need(has(call.subscribe, 'framework_info'), 'subscribe.framework_info');
    if (info) {
      need(has(info, 'user'), 'subscribe.framework_info.user');
      need(has(info, 'name'), 'subscribe.framework_info.name');
    }
  }
  if (call.kill) need(!!call.kill.task_id?.value, 'kill.task_id');
  if (call.shutdown) {
    need(!!call.shutdown.executor_id?.value, 'shutdown.executor_id');
    need(!!call.shutdown.agent_id?.value, 'shutdown.agent_id');
  }
  if (call.acknowledge) {
    need(!!call.acknowledge.agent_id?.value, 'acknowledge.agent_id');
    need(!!call.acknowledge.task_id?.value, 'acknowledge.task_id');
    need(has(call.acknowledge, 'uuid'), 'acknowledge.uuid');
  }
  if (call.message) {
    need(!!call.message.agent_id?.value, 'message.agent_id');
    need(!!call.message.executor_id?.value, 'message.executor_id');
    need(has(call.message, 'data'), 'message.data');
  }
  (call.reconcile?.tasks ?? []).forEach((t, i) => need(!!t.task_id?.value, `reconcile.tasks[${i}].task_id`));
  return missing;
}

/** Why the call is malformed, or undefined when it may be handled. */
export function callError(call: mesos.v1.scheduler.ICall): string | undefined {
  const missing = missingRequired(call);
  if (missing.length > 0) return `Not initialized: ${missing.join(', ')}`;
  if (!has(call, 'type')) return "Expecting 'type' to be present";
  if (call.type === T.SUBSCRIBE) {
    if (!has(call, 'subscribe')) return "Expecting 'subscribe' to be present";
    const infoId = call.subscribe!.framework_info?.id?.value;
    const callId = has(call, 'framework_id') ? call.framework_id!.value : undefined;
    if (infoId !== callId) return "'framework_id' differs from 'subscribe.framework_info.id'";
    return undefined;
  }
  if (!has(call, 'framework_id')) return "Expecting 'framework_id' to be present";
  const field = REQUIRED_SUB_MESSAGE[call.type!];
  if (field && !has(call, field)) return `Expecting '${field}' to be present`;
  if (call.type === T.ACKNOWLEDGE && !isValidUuidBytes(call.acknowledge!.uuid)) return 'Not a valid UUID';
  if (call.type === T.UPDATE_FRAMEWORK && call.update_framework!.framework_info?.id?.value !== call.framework_id!.value) {
    return "'framework_id' differs from 'update_framework.framework_info.id'";
  }
  return undefined;
}

/** The name of a call type, for logs and fault matching (`ACCEPT`, ...). */
export function callTypeName(type: mesos.v1.scheduler.Call.Type | null | undefined): string {
  return type === null || type === undefined ? 'UNSET' : (mesos.v1.scheduler.Call.Type[type] ?? `UNKNOWN(${type})`);
}
