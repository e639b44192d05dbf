/**
 * Builders of the operations an ACCEPT applies to its offers, in order.
 * Each returns a plain `mesos.v1.Offer.Operation`.
 */
import { mesos } from '../../proto/gen/mesos';
import type { ExecutorInfo, OfferOperation, Resource, TaskInfo } from './types';

const OperationType = mesos.v1.Offer.Operation.Type;

/** The LAUNCH operation of an ACCEPT. */
export function launch(taskInfos: TaskInfo[]): OfferOperation {
  return { type: OperationType.LAUNCH, launch: { task_infos: [...taskInfos] } };
}

/** The LAUNCH_GROUP operation: `executor.type` and `executor.framework_id` must be set. */
export function launchGroup(executor: ExecutorInfo, tasks: TaskInfo[]): OfferOperation {
  return { type: OperationType.LAUNCH_GROUP, launch_group: { executor, task_group: { tasks: [...tasks] } } };
}

/** The RESERVE operation. */
export function reserve(resources: Resource[]): OfferOperation {
  return { type: OperationType.RESERVE, reserve: { resources: [...resources] } };
}

/** The UNRESERVE operation. */
export function unreserve(resources: Resource[]): OfferOperation {
  return { type: OperationType.UNRESERVE, unreserve: { resources: [...resources] } };
}

/** The CREATE operation (persistent volumes). */
export function create(volumes: Resource[]): OfferOperation {
  return { type: OperationType.CREATE, create: { volumes: [...volumes] } };
}

/** The DESTROY operation (persistent volumes). */
export function destroy(volumes: Resource[]): OfferOperation {
  return { type: OperationType.DESTROY, destroy: { volumes: [...volumes] } };
}
