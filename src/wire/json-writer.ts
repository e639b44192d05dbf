/**
 * Writes plain messages as Mesos-style JSON (docs/mesos-http-api.md §1.3):
 * snake_case keys in field declaration order, only present fields (no
 * defaults), enums by name, bytes as base64, 64-bit integers as bare digits,
 * non-finite doubles as "Infinity"/"-Infinity"/"NaN", compact.
 */
import type * as protobuf from 'protobufjs';
import { encodeBase64 } from './base64';
import { int64ToBigInt } from './int64';
import { kindName } from './plain-message';
import {
  checkBool,
  checkBytes,
  checkDouble,
  checkEnum,
  checkInt32,
  checkString,
  describeValue,
  enumValueName,
} from './plain-scalars';
import { fieldPlans, typeName, type ValueKind } from './schema';
import { WireEncodeError } from './wire-errors';

type Obj = Record<string, unknown>;

/** Writes `plain` as a JSON object of `type`; throws {@link WireEncodeError}. */
export function writeJsonMessage(type: protobuf.Type, plain: unknown, path = ''): string {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain) || plain instanceof Uint8Array) {
    throw jsonEncodeError(path, `expected a ${typeName(type)} object, got ${describeValue(plain)}`);
  }
  const source = plain as Obj;
  const parts: string[] = [];
  for (const field of fieldPlans(type)) {
    const value = source[field.name];
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    if (value === null || value === undefined) {
      if (field.required) throw jsonEncodeError(fieldPath, `is required in ${typeName(type)} but absent`);
      continue;
    }
    const key = JSON.stringify(field.name);
    if (field.map) {
      if (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
        throw jsonEncodeError(fieldPath, `expected an object (a map), got ${describeValue(value)}`);
      }
      const entries = Object.entries(value as Obj).map(
        ([k, v]) => `${JSON.stringify(k)}:${writeJsonValue(field.value, v, `${fieldPath}.${k}`)}`,
      );
      if (entries.length > 0) parts.push(`${key}:{${entries.join(',')}}`);
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw jsonEncodeError(fieldPath, `expected an array, got ${describeValue(value)}`);
      if (value.length > 0) {
        const items = value.map((item, i) => writeJsonValue(field.value, item, `${fieldPath}[${i}]`));
        parts.push(`${key}:[${items.join(',')}]`);
      }
    } else {
      parts.push(`${key}:${writeJsonValue(field.value, value, fieldPath)}`);
    }
  }
  return `{${parts.join(',')}}`;
}

function writeJsonValue(kind: ValueKind, value: unknown, path: string): string {
  switch (kind.kind) {
    case 'message':
      return writeJsonMessage(kind.type, value, path);
    case 'enum': {
      const number = checkEnum(kind.enum, value);
      const name = number === undefined ? undefined : enumValueName(kind.enum, number);
      if (name === undefined) {
        throw jsonEncodeError(
          path,
          `${describeValue(value)} is not a value of ${typeName(kind.enum)}; JSON carries enum names only, so an unknown value can only be sent as protobuf`,
        );
      }
      return JSON.stringify(name);
    }
    case 'int64': {
      const big = int64ToBigInt(value, kind.unsigned);
      if (big !== undefined) return big.toString();
      break;
    }
    case 'int32': {
      const n = checkInt32(value, kind.unsigned);
      if (n !== undefined) return String(n);
      break;
    }
    case 'double': {
      const n = checkDouble(value);
      if (n !== undefined) return Number.isFinite(n) ? String(n) : JSON.stringify(String(n));
      break;
    }
    case 'bool': {
      const b = checkBool(value);
      if (b !== undefined) return String(b);
      break;
    }
    case 'string': {
      const s = checkString(value);
      if (s !== undefined) return JSON.stringify(s);
      break;
    }
    case 'bytes': {
      const bytes = checkBytes(value);
      if (bytes !== undefined) return JSON.stringify(encodeBase64(bytes));
      break;
    }
  }
  throw jsonEncodeError(path, `${describeValue(value)} does not fit a ${kindName(kind)} field`);
}

function jsonEncodeError(path: string, problem: string): WireEncodeError {
  return new WireEncodeError(`cannot encode as JSON: ${path || '(message)'} ${problem}`, {
    details: { path, encoding: 'json' },
  });
}
