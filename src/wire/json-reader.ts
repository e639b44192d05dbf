/**
 * Reads Mesos-style JSON (docs/mesos-http-api.md §1.3) into plain messages:
 * unknown keys and `null` are ignored, enums are read by name (an unknown
 * name is dropped, as Mesos does), bytes from base64, integers from numbers or
 * decimal strings without precision loss, doubles also from "Infinity"-style
 * strings, booleans also from "true"/"false".
 */
import type * as protobuf from 'protobufjs';
import { decodeBase64 } from './base64';
import { int64ToBigInt, plainInt64FromBigInt } from './int64';
import { JsonNumber, type JsonValue } from './lossless-json';
import { kindName } from './plain-message';
import { checkInt32 } from './plain-scalars';
import { fieldPlans, typeName, type ValueKind } from './schema';
import { WireDecodeError } from './wire-errors';

type Obj = Record<string, unknown>;

const DROPPED = Symbol('dropped');
const INTEGER = /^-?\d+$/;
const NUMERIC = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

/** Reads a parsed JSON value as a plain message of `type`; throws {@link WireDecodeError}. */
export function readJsonMessage(type: protobuf.Type, json: JsonValue, path = ''): Obj {
  if (!isObject(json)) throw jsonDecodeError(path, `expected a ${typeName(type)} object`);
  const out: Obj = {};
  for (const field of fieldPlans(type)) {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const raw = Object.prototype.hasOwnProperty.call(json, field.name) ? json[field.name] : undefined;
    if (raw !== undefined && raw !== null) {
      if (field.map) {
        if (!isObject(raw)) throw jsonDecodeError(fieldPath, 'expected an object (a map)');
        const map: Obj = {};
        let size = 0;
        for (const key of Object.keys(raw)) {
          const value = readJsonValue(field.value, raw[key]!, `${fieldPath}.${key}`);
          if (value !== DROPPED) {
            map[key] = value;
            size++;
          }
        }
        if (size > 0) out[field.name] = map;
      } else if (field.repeated) {
        if (!Array.isArray(raw)) throw jsonDecodeError(fieldPath, 'expected an array');
        const list = raw
          .map((item, i) => readJsonValue(field.value, item, `${fieldPath}[${i}]`))
          .filter((item) => item !== DROPPED);
        if (list.length > 0) out[field.name] = list;
      } else {
        const value = readJsonValue(field.value, raw, fieldPath);
        if (value !== DROPPED) out[field.name] = value;
      }
    }
    if (field.required && !Object.prototype.hasOwnProperty.call(out, field.name)) {
      throw jsonDecodeError(fieldPath, `is required in ${typeName(type)} but absent`);
    }
  }
  return out;
}

function readJsonValue(kind: ValueKind, raw: JsonValue, path: string): unknown {
  let out: unknown;
  switch (kind.kind) {
    case 'message':
      if (raw === null) return DROPPED;
      return readJsonMessage(kind.type, raw, path);
    case 'enum':
      if (typeof raw === 'string') {
        return Object.prototype.hasOwnProperty.call(kind.enum.values, raw) ? kind.enum.values[raw] : DROPPED;
      }
      break;
    case 'int64': {
      const text = numberText(raw);
      if (text !== undefined && INTEGER.test(text)) {
        const big = int64ToBigInt(text, kind.unsigned);
        if (big !== undefined) out = plainInt64FromBigInt(big);
      } else if (text !== undefined && NUMERIC.test(text) && Number.isSafeInteger(Number(text))) {
        const big = int64ToBigInt(Number(text), kind.unsigned);
        if (big !== undefined) out = plainInt64FromBigInt(big);
      }
      break;
    }
    case 'int32': {
      const text = numberText(raw);
      if (text !== undefined && NUMERIC.test(text)) out = checkInt32(Number(text), kind.unsigned);
      break;
    }
    case 'double': {
      const text = numberText(raw);
      if (text === 'Infinity' || text === '-Infinity' || text === 'NaN') out = Number(text);
      else if (text !== undefined && NUMERIC.test(text)) out = Number(text);
      break;
    }
    case 'bool':
      if (typeof raw === 'boolean') out = raw;
      else if (raw === 'true' || raw === 'false') out = raw === 'true';
      break;
    case 'string':
      if (typeof raw === 'string') out = raw;
      break;
    case 'bytes':
      if (typeof raw === 'string') out = decodeBase64(raw);
      break;
  }
  if (out === undefined) throw jsonDecodeError(path, `does not hold a ${kindName(kind)} value`);
  return out;
}

/** The text of a JSON number, or of a string that Mesos would read as one. */
function numberText(raw: JsonValue): string | undefined {
  if (raw instanceof JsonNumber) return raw.text;
  if (typeof raw === 'string') return raw.trim();
  return undefined;
}

function jsonDecodeError(path: string, problem: string): WireDecodeError {
  return new WireDecodeError(`invalid JSON message: ${path || '(message)'} ${problem}`, {
    details: { path, encoding: 'json' },
  });
}
