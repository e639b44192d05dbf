/**
 * Checks of the scalar values plain messages carry, shared by the protobuf
 * and JSON encoders. Each returns the normalized value, or `undefined` when
 * the value does not fit the field.
 */
import type * as protobuf from 'protobufjs';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;

/** An enum value given as its number (any int32, known or not) or as its name. */
export function checkEnum(enumType: protobuf.Enum, value: unknown): number | undefined {
  if (typeof value === 'number') return checkInt32(value, false);
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(enumType.values, value)) {
    return enumType.values[value];
  }
  return undefined;
}

/** A 32-bit integer in range. */
export function checkInt32(value: unknown, unsigned: boolean): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  const ok = unsigned ? value >= 0 && value <= UINT32_MAX : value >= INT32_MIN && value <= INT32_MAX;
  return ok ? value : undefined;
}

/** A double: any number, including the non-finite ones. */
export function checkDouble(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** A boolean. */
export function checkBool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A string. */
export function checkString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Bytes: a Uint8Array (a Buffer is one); text is refused so that it is never taken for base64. */
export function checkBytes(value: unknown): Uint8Array | undefined {
  return value instanceof Uint8Array ? value : undefined;
}

/** The name of an enum value, or `undefined` for a number the enum does not define. */
export function enumValueName(enumType: protobuf.Enum, value: number): string | undefined {
  return enumType.valuesById[value];
}

/** Describes a value for error messages, without dumping it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'a Uint8Array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
