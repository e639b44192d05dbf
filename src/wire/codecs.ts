/**
 * Encoding and decoding of whole messages in either wire encoding.
 *
 * Values are plain messages (see plain-message.ts): only present fields, enums
 * as numbers, 64-bit integers as a number when safe and a decimal string
 * otherwise, bytes as `Uint8Array`. Encoding a decoded message gives back the
 * same bytes, in both encodings.
 */
import * as protobuf from 'protobufjs';
import * as gen from '../../proto/gen/mesos';
import { readJsonMessage } from './json-reader';
import { writeJsonMessage } from './json-writer';
import { JsonSyntaxError, parseLosslessJson } from './lossless-json';
import { decodedToPlain, plainToEncodable } from './plain-message';
import { messageType } from './schema';
import type { ExecutorCall, ExecutorEvent, SchedulerCall, SchedulerEvent } from './types';
import { WireDecodeError, WireEncodeError } from './wire-errors';
import { CatapultError } from '../util/catapult-error';

/** The two encodings of the v1 HTTP APIs. */
export type Encoding = 'json' | 'protobuf';

/** The exact `Content-Type` / `Accept` value of each encoding (Mesos compares them as exact strings). */
export const CONTENT_TYPES = Object.freeze({
  json: 'application/json',
  protobuf: 'application/x-protobuf',
} as const);

/** The encoding named by an exact `Content-Type` value, or `undefined`. */
export function encodingOfContentType(contentType: string | null | undefined): Encoding | undefined {
  if (contentType === CONTENT_TYPES.json) return 'json';
  if (contentType === CONTENT_TYPES.protobuf) return 'protobuf';
  return undefined;
}

interface GeneratedType {
  encode(message: object): protobuf.Writer;
  decode(reader: protobuf.Reader): object;
}

const generated = new Map<string, GeneratedType>();

function generatedType(typeName: string): GeneratedType {
  let found = generated.get(typeName);
  if (found === undefined) {
    let node: unknown = gen;
    for (const part of typeName.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'function') throw new Error(`no generated code for ${typeName}; run node scripts/gen-proto.js`);
    found = node as unknown as GeneratedType;
    generated.set(typeName, found);
  }
  return found;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Encodes a plain message of the named type (e.g. `catapult.FrameworkMessage`).
 * Throws {@link WireEncodeError} when a value does not fit its field or a
 * required field is absent.
 */
export function encodeMessage(typeName: string, value: object, encoding: Encoding): Uint8Array {
  const type = messageType(typeName);
  if (encoding === 'json') return utf8Encoder.encode(writeJsonMessage(type, value));
  const encodable = plainToEncodable(type, value, '');
  try {
    return generatedType(typeName).encode(encodable).finish();
  } catch (err) {
    throw new WireEncodeError(`cannot encode ${typeName} as protobuf: ${(err as Error).message}`, {
      cause: err,
      details: { messageType: typeName, encoding },
    });
  }
}

/**
 * Decodes bytes as a plain message of the named type. Unknown fields, unknown
 * enum values (protobuf) and unknown enum names (JSON, dropped) never fail;
 * malformed input throws {@link WireDecodeError} and nothing else.
 */
export function decodeMessage<T extends object = Record<string, unknown>>(
  typeName: string,
  bytes: Uint8Array,
  encoding: Encoding,
): T {
  try {
    const type = messageType(typeName);
    if (encoding === 'json') {
      return readJsonMessage(type, parseLosslessJson(utf8Decoder.decode(bytes))) as T;
    }
    const reader = protobuf.Reader.create(bytes);
    (reader as unknown as { discardUnknown: boolean }).discardUnknown = false;
    return decodedToPlain(type, generatedType(typeName).decode(reader)) as T;
  } catch (err) {
    if (err instanceof CatapultError) throw err;
    const reason = err instanceof JsonSyntaxError || err instanceof Error ? err.message : String(err);
    throw new WireDecodeError(`cannot decode ${typeName} from ${encoding}: ${reason}`, {
      cause: err,
      details: { messageType: typeName, encoding, byteLength: bytes.length },
    });
  }
}

/** Encodes a scheduler Call (the body of a POST to /api/v1/scheduler). */
export function encodeSchedulerCall(call: SchedulerCall, encoding: Encoding): Uint8Array {
  return encodeMessage('mesos.v1.scheduler.Call', call, encoding);
}

/** Decodes a scheduler Call. */
export function decodeSchedulerCall(bytes: Uint8Array, encoding: Encoding): SchedulerCall {
  return decodeMessage<SchedulerCall>('mesos.v1.scheduler.Call', bytes, encoding);
}

/** Encodes a scheduler Event (one RecordIO record of the SUBSCRIBE stream). */
export function encodeSchedulerEvent(event: SchedulerEvent, encoding: Encoding): Uint8Array {
  return encodeMessage('mesos.v1.scheduler.Event', event, encoding);
}

/** Decodes a scheduler Event. */
export function decodeSchedulerEvent(bytes: Uint8Array, encoding: Encoding): SchedulerEvent {
  return decodeMessage<SchedulerEvent>('mesos.v1.scheduler.Event', bytes, encoding);
}

/** Encodes an executor Call (the body of a POST to /api/v1/executor). */
export function encodeExecutorCall(call: ExecutorCall, encoding: Encoding): Uint8Array {
  return encodeMessage('mesos.v1.executor.Call', call, encoding);
}

/** Decodes an executor Call. */
export function decodeExecutorCall(bytes: Uint8Array, encoding: Encoding): ExecutorCall {
  return decodeMessage<ExecutorCall>('mesos.v1.executor.Call', bytes, encoding);
}

/** Encodes an executor Event. */
export function encodeExecutorEvent(event: ExecutorEvent, encoding: Encoding): Uint8Array {
  return encodeMessage('mesos.v1.executor.Event', event, encoding);
}

/** Decodes an executor Event. */
export function decodeExecutorEvent(bytes: Uint8Array, encoding: Encoding): ExecutorEvent {
  return decodeMessage<ExecutorEvent>('mesos.v1.executor.Event', bytes, encoding);
}
