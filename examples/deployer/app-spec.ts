/**
 * What the deployer's API accepts: {@link parseAppSpec} checks a
 * `POST /apps` body and {@link parseScale} a `POST /apps/:id/scale` body,
 * field by field, and throws an {@link HttpError} (400) whose code and
 * message say which field was wrong and what it should be.
 */
import { HttpError } from '../hello/json-http';

/** An app to deploy: `nodes` identical nodes running `command` (or the image's entrypoint). */
export interface AppSpec {
  name: string;
  nodes: number;
  command?: string;
  image?: string;
  cpus: number;
  mem: number;
}

export const DEFAULT_APP_CPUS = 0.1;
export const DEFAULT_APP_MEM_MB = 32;
/** Upper bound of `nodes`, so one request cannot ask for an unbounded deploy. */
export const MAX_NODES = 1_000;

const APP_FIELDS = ['name', 'nodes', 'command', 'image', 'cpus', 'mem'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function object(body: unknown, example: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'BODY_NOT_OBJECT', `The body must be a JSON object, e.g. ${example}.`);
  }
  return body as Record<string, unknown>;
}

function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new HttpError(400, 'UNKNOWN_FIELD', `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; the fields are ${allowed.join(', ')}.`);
  }
}

/** `nodes` as a whole number in [1, MAX_NODES]. */
export function nodeCount(value: unknown): number {
  if (value === undefined) throw new HttpError(400, 'MISSING_FIELD', `"nodes" is missing; give the number of nodes, a whole number from 1 to ${MAX_NODES}.`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_NODES) {
    throw new HttpError(400, 'INVALID_FIELD', `"nodes" is ${JSON.stringify(value)}; it must be a positive integer (a whole number from 1 to ${MAX_NODES}).`);
  }
  return value;
}

function positive(body: Record<string, unknown>, field: 'cpus' | 'mem', fallback: number, unit: string): number {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new HttpError(400, 'INVALID_FIELD', `"${field}" is ${JSON.stringify(value)}; it must be a number of ${unit} greater than 0 (default ${fallback}).`);
  }
  return value;
}

function text(body: Record<string, unknown>, field: 'command' | 'image'): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, 'INVALID_FIELD', `"${field}" must be a non-empty string.`);
  return value;
}

/**
 * Checks a `POST /apps` body.
 *
 * @throws {HttpError} 400 `UNKNOWN_FIELD`, `MISSING_FIELD`, `INVALID_FIELD` or `BODY_NOT_OBJECT`.
 */
export function parseAppSpec(body: unknown): AppSpec {
  const o = object(body, '{"name":"web","nodes":3,"command":"sleep 1000"}');
  onlyFields(o, APP_FIELDS);
  if (o['name'] === undefined) throw new HttpError(400, 'MISSING_FIELD', '"name" is missing; give the app a name of 1-64 letters, digits, \'_\' or \'-\', e.g. "web".');
  if (typeof o['name'] !== 'string' || !NAME.test(o['name'])) {
    throw new HttpError(400, 'INVALID_FIELD', `"name" is ${JSON.stringify(o['name'])}; use 1-64 letters, digits, '_' or '-', starting with a letter or digit.`);
  }
  const nodes = nodeCount(o['nodes']);
  const command = text(o, 'command');
  const image = text(o, 'image');
  if (command === undefined && image === undefined) throw new HttpError(400, 'MISSING_FIELD', 'Give "command" (a shell command) or "image" (a docker image), or both.');
  const spec: AppSpec = { name: o['name'], nodes, cpus: positive(o, 'cpus', DEFAULT_APP_CPUS, 'CPUs'), mem: positive(o, 'mem', DEFAULT_APP_MEM_MB, 'megabytes') };
  if (command !== undefined) spec.command = command;
  if (image !== undefined) spec.image = image;
  return spec;
}

/**
 * Checks a `POST /apps/:id/scale` body: `{ "nodes": n }`.
 *
 * @throws {HttpError} 400 `UNKNOWN_FIELD`, `MISSING_FIELD`, `INVALID_FIELD` or `BODY_NOT_OBJECT`.
 */
export function parseScale(body: unknown): number {
  const o = object(body, '{"nodes":5}');
  onlyFields(o, ['nodes']);
  return nodeCount(o['nodes']);
}
