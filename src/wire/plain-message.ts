/**
 * Conversions between plain messages and what protobufjs' generated code
 * reads and writes.
 *
 * A plain message is an object whose own enumerable keys are exactly the
 * fields that are present (proto2 presence): an absent field has no key, an
 * empty repeated field or map is absent. Values: nested messages are plain
 * messages, enums are numbers (unknown numbers kept), 64-bit integers are
 * {@link PlainInt64}, bytes are `Uint8Array`, maps are objects. Fields a
 * binary message carried that the schema does not know are kept in a
 * non-enumerable `$unknowns` property and written back by the protobuf encoder.
 */
import type * as protobuf from 'protobufjs';
import { bigIntToLong, int64ToBigInt, plainInt64FromBigInt } from './int64';
import {
  checkBool,
  checkBytes,
  checkDouble,
  checkEnum,
  checkInt32,
  checkString,
  describeValue,
} from './plain-scalars';
import { fieldPlans, typeName, type FieldPlan, type ValueKind } from './schema';
import { WireEncodeError } from './wire-errors';

type Obj = Record<string, unknown>;

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

function setUnknowns(target: Obj, unknowns: unknown): void {
  if (Array.isArray(unknowns) && unknowns.length > 0) {
    Object.defineProperty(target, '$unknowns', {
      value: unknowns.map((chunk: Uint8Array) => new Uint8Array(chunk)),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
}

/** Turns a message decoded by the generated code into a plain message. */
export function decodedToPlain(type: protobuf.Type, message: object): Obj {
  const source = message as Obj;
  const out: Obj = {};
  for (const field of fieldPlans(type)) {
    if (!hasOwn(source, field.name)) continue;
    const value = source[field.name];
    if (value === null || value === undefined) continue;
    if (field.map) {
      const keys = Object.keys(value as Obj);
      if (keys.length === 0) continue;
      const map: Obj = {};
      for (const key of keys) map[key] = decodedValue(field.value, (value as Obj)[key]);
      out[field.name] = map;
    } else if (field.repeated) {
      const list = value as unknown[];
      if (list.length === 0) continue;
      out[field.name] = list.map((item) => decodedValue(field.value, item));
    } else {
      out[field.name] = decodedValue(field.value, value);
    }
  }
  setUnknowns(out, source.$unknowns);
  return out;
}

function decodedValue(kind: ValueKind, value: unknown): unknown {
  switch (kind.kind) {
    case 'message':
      return decodedToPlain(kind.type, value as object);
    case 'int64':
      return plainInt64FromBigInt(int64ToBigInt(value, kind.unsigned) ?? 0n);
    case 'bytes':
      return new Uint8Array(value as Uint8Array);
    default:
      return value;
  }
}

/**
 * Checks a plain message against its type and returns a copy the generated
 * `encode` can write: enums as numbers, 64-bit values as Longs, required
 * fields present. Throws {@link WireEncodeError} naming the offending path.
 */
export function plainToEncodable(type: protobuf.Type, plain: unknown, path: string): Obj {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain) || plain instanceof Uint8Array) {
    throw encodeError(type, path, `expected a ${typeName(type)} object, got ${describeValue(plain)}`);
  }
  const source = plain as Obj;
  const out: Obj = {};
  for (const field of fieldPlans(type)) {
    const value = source[field.name];
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    if (value === null || value === undefined) {
      if (field.required) throw encodeError(type, fieldPath, 'is required but absent');
      continue;
    }
    out[field.name] = encodableField(type, field, value, fieldPath);
  }
  setUnknowns(out, source.$unknowns);
  return out;
}

function encodableField(type: protobuf.Type, field: FieldPlan, value: unknown, path: string): unknown {
  if (field.map) {
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
      throw encodeError(type, path, `expected an object (a map), got ${describeValue(value)}`);
    }
    const map: Obj = {};
    for (const [key, item] of Object.entries(value as Obj)) {
      map[key] = encodableValue(type, field.value, item, `${path}.${key}`);
    }
    return map;
  }
  if (field.repeated) {
    if (!Array.isArray(value)) throw encodeError(type, path, `expected an array, got ${describeValue(value)}`);
    return value.map((item, i) => encodableValue(type, field.value, item, `${path}[${i}]`));
  }
  return encodableValue(type, field.value, value, path);
}

function encodableValue(type: protobuf.Type, kind: ValueKind, value: unknown, path: string): unknown {
  let out: unknown;
  switch (kind.kind) {
    case 'message':
      return plainToEncodable(kind.type, value, path);
    case 'enum':
      out = checkEnum(kind.enum, value);
      break;
    case 'int64': {
      const big = int64ToBigInt(value, kind.unsigned);
      out = big === undefined ? undefined : bigIntToLong(big, kind.unsigned);
      break;
    }
    case 'int32':
      out = checkInt32(value, kind.unsigned);
      break;
    case 'double':
      out = checkDouble(value);
      break;
    case 'bool':
      out = checkBool(value);
      break;
    case 'string':
      out = checkString(value);
      break;
    case 'bytes':
      out = checkBytes(value);
      break;
  }
  if (out === undefined) throw encodeError(type, path, `${describeValue(value)} does not fit a ${kindName(kind)} field`);
  return out;
}

/** Names a value kind for error messages. */
export function kindName(kind: ValueKind): string {
  switch (kind.kind) {
    case 'message':
      return typeName(kind.type);
    case 'enum':
      return `${typeName(kind.enum)} enum`;
    case 'int64':
      return kind.unsigned ? 'uint64' : 'int64';
    case 'int32':
      return kind.unsigned ? 'uint32' : 'int32';
    default:
      return kind.kind;
  }
}

function encodeError(type: protobuf.Type, path: string, problem: string): WireEncodeError {
  return new WireEncodeError(`cannot encode ${typeName(type)}: ${path || '(message)'} ${problem}`, {
    details: { messageType: typeName(type), path },
  });
}
