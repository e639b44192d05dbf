/**
 * Agent resources and attributes given as text (the form of `mesos-agent`
 * flags and `catapult local --resources/--attributes`), turned into the
 * agent's options.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { AgentAttributeValue, AgentResources } from '../agent/agent-info';
import { InvalidClusterOptionError } from './errors';
import { parseAttributes, parseResources } from './resource-text';

const KNOWN = 'only cpus, mem, disk and gpus (numbers) and ports (ranges such as [31000-32000])';

/** Parses `cpus:4;mem:8192;disk:10000;ports:[31000-32000]` into agent resources. */
export function agentResourcesFromText(text: string, option = 'resources'): AgentResources {
  const out: AgentResources = {};
  for (const r of parseResources(text, option)) {
    if (r.role !== undefined && r.role !== null) throw new InvalidClusterOptionError(option, text, 'unreserved resources (no "(role)")');
    if (r.name === 'ports' && r.type === mesos.v1.Value.Type.RANGES) {
      out.ports = (r.ranges?.range ?? []).map((x) => [Number(x.begin), Number(x.end)] as [number, number]);
    } else if ((r.name === 'cpus' || r.name === 'mem' || r.name === 'disk' || r.name === 'gpus') && r.type === mesos.v1.Value.Type.SCALAR) {
      out[r.name] = Number(r.scalar?.value ?? 0);
    } else {
      throw new InvalidClusterOptionError(option, text, KNOWN);
    }
  }
  return out;
}

/** Parses `rack:r1;zone:a` into agent attributes. */
export function agentAttributesFromText(text: string, option = 'attributes'): Record<string, AgentAttributeValue> {
  const out: Record<string, AgentAttributeValue> = {};
  for (const a of parseAttributes(text, option)) {
    if (a.type === mesos.v1.Value.Type.SCALAR) out[a.name] = Number(a.scalar?.value ?? 0);
    else if (a.type === mesos.v1.Value.Type.RANGES) out[a.name] = { ranges: (a.ranges?.range ?? []).map((x) => [Number(x.begin), Number(x.end)] as [number, number]) };
    else if (a.type === mesos.v1.Value.Type.SET) out[a.name] = { set: [...(a.set?.item ?? [])] };
    else out[a.name] = a.text?.value ?? '';
  }
  return out;
}
