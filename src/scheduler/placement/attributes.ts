/**
 * Reading agent attributes (and the hostname) as the strings constraints
 * compare.
 */
import { uint64ToNumber, ValueType, type Attribute } from './mesos-types';

/** Where a node runs or could run: an offer's agent, or a live node's. */
export interface PlacementTarget {
  hostname: string;
  agentId: string;
  attributes: readonly Attribute[];
}

/**
 * Renders an attribute's value as text, the way Marathon does: TEXT as is,
 * SCALAR as a JS number (`2`, `2.5`), RANGES as `[1-5,7-9]`, SET as `{a,b}`.
 */
export function renderAttribute(attribute: Attribute): string {
  switch (attribute.type) {
    case ValueType.SCALAR:
      return String(attribute.scalar?.value ?? 0);
    case ValueType.RANGES:
      return `[${(attribute.ranges?.range ?? []).map((r) => `${uint64ToNumber(r.begin)}-${uint64ToNumber(r.end)}`).join(',')}]`;
    case ValueType.SET:
      return `{${(attribute.set?.item ?? []).join(',')}}`;
    default:
      return attribute.text?.value ?? '';
  }
}

/** The value of an attribute by name, rendered as text; undefined when the agent lacks it. */
export function attributeValue(attributes: readonly Attribute[], name: string): string | undefined {
  const attribute = attributes.find((a) => a.name === name);
  return attribute === undefined ? undefined : renderAttribute(attribute);
}

/** True when `field` names the agent's hostname rather than an attribute. */
export function isHostnameField(field: string): boolean {
  return field === 'hostname' || field === '@hostname';
}

/** The value a constraint field has on a target: its hostname or an attribute; undefined when missing. */
export function fieldValue(target: PlacementTarget, field: string): string | undefined {
  return isHostnameField(field) ? target.hostname : attributeValue(target.attributes, field);
}
