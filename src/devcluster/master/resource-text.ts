/**
 * Parses the agent flags' text forms, as `mesos-agent --resources` and
 * `--attributes` read them: `cpus:4;mem:8192;ports:[31000-32000]` and
 * `rack:r1;zone:a`.
 *
 * A resource is `name[(role)]:value` where value is a number (SCALAR),
 * `[b-e,b-e]` (RANGES) or `{a,b}` (SET). An attribute value is a number
 * (SCALAR), ranges, a set, or else TEXT.
 */
import { mesos } from '../../../proto/gen/mesos';
import { InvalidClusterOptionError } from './errors';

const RESOURCES_FORM = '"name:value;..." such as "cpus:4;mem:8192;disk:10000;ports:[31000-32000]"';
const ATTRIBUTES_FORM = '"name:value;..." such as "rack:r1;zone:a"';

type ParsedValue =
  | { type: mesos.v1.Value.Type.SCALAR; scalar: { value: number } }
  | { type: mesos.v1.Value.Type.RANGES; ranges: { range: Array<{ begin: number; end: number }> } }
  | { type: mesos.v1.Value.Type.SET; set: { item: string[] } }
  | { type: mesos.v1.Value.Type.TEXT; text: { value: string } };

function parseValue(text: string, allowText: boolean): ParsedValue | undefined {
  const value = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return { type: mesos.v1.Value.Type.SCALAR, scalar: { value: Number(value) } };
  const ranges = /^\[(.*)\]$/.exec(value);
  if (ranges) {
    const range: Array<{ begin: number; end: number }> = [];
    for (const part of ranges[1]!.split(',')) {
      const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
      if (!m || Number(m[1]) > Number(m[2])) return undefined;
      range.push({ begin: Number(m[1]), end: Number(m[2]) });
    }
    return { type: mesos.v1.Value.Type.RANGES, ranges: { range } };
  }
  const set = /^\{(.*)\}$/.exec(value);
  if (set) return { type: mesos.v1.Value.Type.SET, set: { item: set[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '') } };
  if (allowText && /^[^;:\s]+$/.test(value)) return { type: mesos.v1.Value.Type.TEXT, text: { value } };
  return undefined;
}

function pairs(text: string): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  for (const item of text.split(';').map((s) => s.trim()).filter((s) => s !== '')) {
    const colon = item.indexOf(':');
    if (colon <= 0) return undefined;
    out.push([item.slice(0, colon).trim(), item.slice(colon + 1)]);
  }
  return out;
}

/**
 * Parses an agent resources string into wire resources.
 *
 * @throws InvalidClusterOptionError naming `option` when the text is malformed.
 */
export function parseResources(text: string, option = 'resources'): mesos.v1.IResource[] {
  const items = pairs(text);
  if (!items || items.length === 0) throw new InvalidClusterOptionError(option, text, RESOURCES_FORM);
  return items.map(([key, raw]) => {
    const m = /^([A-Za-z_][\w.-]*)(?:\(([^()]+)\))?$/.exec(key);
    const value = parseValue(raw, false);
    if (!m || !value || value.type === mesos.v1.Value.Type.TEXT) throw new InvalidClusterOptionError(option, text, RESOURCES_FORM);
    if (value.type === mesos.v1.Value.Type.SCALAR && value.scalar.value < 0) throw new InvalidClusterOptionError(option, text, RESOURCES_FORM);
    const resource: mesos.v1.IResource = { name: m[1]!, ...value };
    if (m[2] !== undefined && m[2] !== '*') resource.role = m[2];
    return resource;
  });
}

/**
 * Parses an agent attributes string into wire attributes.
 *
 * @throws InvalidClusterOptionError naming `option` when the text is malformed.
 */
export function parseAttributes(text: string, option = 'attributes'): mesos.v1.IAttribute[] {
  if (text.trim() === '') return [];
  const items = pairs(text);
  if (!items) throw new InvalidClusterOptionError(option, text, ATTRIBUTES_FORM);
  return items.map(([name, raw]) => {
    const value = parseValue(raw, true);
    if (!value || !/^[\w.-]+$/.test(name)) throw new InvalidClusterOptionError(option, text, ATTRIBUTES_FORM);
    return { name, ...value };
  });
}
