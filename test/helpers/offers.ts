/**
 * Builders for offers, resources, constraints and node descriptions, so a
 * placement test reads like the situation it sets up:
 *
 *   offer({ agent: 'a1', hostname: 'h1', cpus: 2, mem: 1024, ports: [[31000, 31010]], attributes: { rack: 'r1' } })
 */
import type { catapult, mesos } from '../../proto/gen/mesos';
import { parseConstraint, type PendingNode, type ResourceDemand } from '../../src/scheduler/placement';

type ResourceExtras = Partial<Pick<mesos.v1.IResource, 'role' | 'reservation' | 'reservations' | 'allocation_info' | 'revocable' | 'disk' | 'shared'>>;

/** A scalar resource (type SCALAR). */
export function scalar(name: string, value: number, extras: ResourceExtras = {}): mesos.v1.IResource {
  return { name, type: 0 as mesos.v1.Value.Type, scalar: { value }, ...extras };
}

/** A ranges resource (type RANGES), e.g. `ranges('ports', [[31000, 31010]])`. */
export function ranges(name: string, spans: ReadonlyArray<readonly [number, number]>, extras: ResourceExtras = {}): mesos.v1.IResource {
  return { name, type: 1 as mesos.v1.Value.Type, ranges: { range: spans.map(([begin, end]) => ({ begin, end })) }, ...extras };
}

/** An agent attribute: strings become TEXT, numbers SCALAR. */
export function attribute(name: string, value: string | number): mesos.v1.IAttribute {
  return typeof value === 'number'
    ? { name, type: 0 as mesos.v1.Value.Type, scalar: { value } }
    : { name, type: 3 as mesos.v1.Value.Type, text: { value } };
}

export interface OfferSpec {
  /** Default `offer-<n>`. */
  id?: string;
  agent: string;
  /** Default `<agent>.example`. */
  hostname?: string;
  cpus?: number;
  mem?: number;
  disk?: number;
  gpus?: number;
  ports?: ReadonlyArray<readonly [number, number]>;
  attributes?: Record<string, string | number>;
  /** The offer's allocation role (stamped on every resource as allocation_info). Default `*`. */
  allocationRole?: string;
  /** Extra resources, e.g. reserved ones, appended as given. */
  resources?: mesos.v1.IResource[];
}

let counter = 0;

/** An offer with the usual resources, every one carrying the offer's allocation_info. */
export function offer(spec: OfferSpec): mesos.v1.IOffer {
  counter += 1;
  const allocation = { allocation_info: { role: spec.allocationRole ?? '*' } };
  const resources: mesos.v1.IResource[] = [];
  if (spec.cpus !== undefined) resources.push(scalar('cpus', spec.cpus, allocation));
  if (spec.mem !== undefined) resources.push(scalar('mem', spec.mem, allocation));
  if (spec.disk !== undefined) resources.push(scalar('disk', spec.disk, allocation));
  if (spec.gpus !== undefined) resources.push(scalar('gpus', spec.gpus, allocation));
  if (spec.ports !== undefined) resources.push(ranges('ports', spec.ports, allocation));
  resources.push(...(spec.resources ?? []));
  return {
    id: { value: spec.id ?? `offer-${counter}` },
    framework_id: { value: 'framework-1' },
    agent_id: { value: spec.agent },
    hostname: spec.hostname ?? `${spec.agent}.example`,
    resources,
    attributes: Object.entries(spec.attributes ?? {}).map(([name, value]) => attribute(name, value)),
    allocation_info: { role: spec.allocationRole ?? '*' },
  };
}

/** A SchedulerConstraint by type name, e.g. `constraint('UNIQUE', 'hostname')`. */
export function constraint(type: string, field = '', value = ''): catapult.ISchedulerConstraint {
  return { type: type as unknown as catapult.SchedulerConstraint.Type, field, value };
}

export interface NodeSpec extends Partial<ResourceDemand> {
  app?: string;
  node: string;
  constraints?: catapult.ISchedulerConstraint[];
  executor?: ResourceDemand;
}

/** A pending node: 0.1 cpus and 32 MB unless told otherwise. */
export function pendingNode(spec: NodeSpec): PendingNode {
  const task: ResourceDemand = { cpus: spec.cpus ?? 0.1, memoryMb: spec.memoryMb ?? 32 };
  if (spec.diskMb !== undefined) task.diskMb = spec.diskMb;
  if (spec.gpus !== undefined) task.gpus = spec.gpus;
  if (spec.ports !== undefined) task.ports = spec.ports;
  const node: PendingNode = { appId: spec.app ?? 'web', nodeId: spec.node, task, constraints: (spec.constraints ?? []).map(parseConstraint) };
  if (spec.executor) node.executor = spec.executor;
  return node;
}

/** A SchedulerNodeInfo with the given container fields (app `web`). */
export function schedulerNode(nodeId: string, container: catapult.ISchedulerContainer, appId = 'web'): catapult.ISchedulerNodeInfo {
  return { app_id: { value: appId }, node_id: { value: nodeId }, scheduler_container: container };
}
