/**
 * The agent's `AgentInfo`: hostname, port, total resources, attributes and
 * fault domain, built from friendly options.
 */
import { mesos } from '../../../proto/gen/mesos';

const ValueType = mesos.v1.Value.Type;

/** Total resources of an agent. Defaults: 4 cpus, 8192 MB mem, 65536 MB disk, ports 31000-32000, no gpus. */
export interface AgentResources {
  cpus?: number;
  mem?: number;
  disk?: number;
  gpus?: number;
  /** Inclusive port ranges, e.g. `[[31000, 32000]]`. */
  ports?: Array<[number, number]>;
}

/** An attribute value: a string is TEXT, a number is SCALAR; ranges and sets are tagged. */
export type AgentAttributeValue = string | number | { ranges: Array<[number, number]> } | { set: string[] };

/** A fault domain. */
export interface AgentDomain {
  region: string;
  zone: string;
}

function scalar(name: string, value: number): mesos.v1.IResource {
  return { name, type: ValueType.SCALAR, scalar: { value } };
}

function ranges(pairs: Array<[number, number]>): mesos.v1.Value.IRanges {
  return { range: pairs.map(([begin, end]) => ({ begin, end })) };
}

/** The `Resource` list of the agent's totals. */
export function buildResources(resources: AgentResources = {}): mesos.v1.IResource[] {
  const out: mesos.v1.IResource[] = [
    scalar('cpus', resources.cpus ?? 4),
    scalar('mem', resources.mem ?? 8192),
    scalar('disk', resources.disk ?? 65536),
  ];
  const ports = resources.ports ?? [[31000, 32000]];
  if (ports.length > 0) out.push({ name: 'ports', type: ValueType.RANGES, ranges: ranges(ports) });
  if (resources.gpus !== undefined && resources.gpus > 0) out.push(scalar('gpus', resources.gpus));
  return out;
}

/** The `Attribute` list of the agent. */
export function buildAttributes(attributes: Record<string, AgentAttributeValue> = {}): mesos.v1.IAttribute[] {
  return Object.entries(attributes).map(([name, value]): mesos.v1.IAttribute => {
    if (typeof value === 'string') return { name, type: ValueType.TEXT, text: { value } };
    if (typeof value === 'number') return { name, type: ValueType.SCALAR, scalar: { value } };
    if ('ranges' in value) return { name, type: ValueType.RANGES, ranges: ranges(value.ranges) };
    return { name, type: ValueType.SET, set: { item: [...value.set] } };
  });
}

/** The agent's full `AgentInfo`. */
export function buildAgentInfo(input: {
  hostname: string;
  port: number;
  agentId?: string;
  resources?: AgentResources;
  attributes?: Record<string, AgentAttributeValue>;
  domain?: AgentDomain;
}): mesos.v1.IAgentInfo {
  const info: mesos.v1.IAgentInfo = {
    hostname: input.hostname,
    port: input.port,
    resources: buildResources(input.resources),
  };
  const attributes = buildAttributes(input.attributes);
  if (attributes.length > 0) info.attributes = attributes;
  if (input.agentId) info.id = { value: input.agentId };
  if (input.domain) info.domain = { fault_domain: { region: { name: input.domain.region }, zone: { name: input.domain.zone } } };
  return info;
}
