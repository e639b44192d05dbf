/**
 * How 64-bit integers look in plain messages: a `number` when the value is a
 * safe integer (|v| <= 2^53 - 1), otherwise its decimal string. Encoders also
 * accept a `bigint` or a `Long`.
 */
import * as protobuf from 'protobufjs';

/** A 64-bit integer as plain messages carry it. */
export type PlainInt64 = number | string;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const DECIMAL = /^-?\d+$/;

// protobufjs types util.Long as a bare constructor; these are the statics used here.
const LongImpl = protobuf.util.Long as unknown as {
  fromBits(low: number, high: number, unsigned: boolean): protobuf.Long;
  fromString(text: string, unsigned: boolean): protobuf.Long;
};

interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
  toString(): string;
}

function isLongLike(value: unknown): value is LongLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LongLike).low === 'number' &&
    typeof (value as LongLike).high === 'number'
  );
}

/** The plain form of a 64-bit value given as a bigint. */
export function plainInt64FromBigInt(value: bigint): PlainInt64 {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}

/**
 * Reads any accepted 64-bit input (number, decimal string, bigint, Long) as a
 * bigint; `undefined` when it is not an integer in range.
 */
export function int64ToBigInt(value: unknown, unsigned: boolean): bigint | undefined {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number') {
    if (!Number.isInteger(value)) return undefined;
    big = BigInt(value);
  } else if (typeof value === 'string') {
    if (!DECIMAL.test(value)) return undefined;
    big = BigInt(value);
  } else if (isLongLike(value)) {
    big = BigInt(LongImpl.fromBits(value.low, value.high, value.unsigned).toString());
  } else return undefined;
  const min = unsigned ? 0n : INT64_MIN;
  const max = unsigned ? UINT64_MAX : INT64_MAX;
  return big < min || big > max ? undefined : big;
}

/** The Long protobufjs' writer needs for a 64-bit value. */
export function bigIntToLong(value: bigint, unsigned: boolean): protobuf.Long {
  return LongImpl.fromString(value.toString(), unsigned);
}
