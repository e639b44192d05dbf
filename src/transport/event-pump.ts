/**
 * Reads a SUBSCRIBE response incrementally: raw byte chunks → RecordIO
 * records → events in the response's encoding, handed over one at a time.
 * Works on bytes only (a chunk may end anywhere, gotcha 4) and reports how the
 * stream ended instead of throwing: a cut stream is an outcome, not a crash.
 */
import { RecordIODecoder } from '../wire';
import { CatapultError, isCatapultError } from '../util/catapult-error';
import { decodeSchedulerEvent, type Encoding, type SchedulerEvent } from './scheduler-codec';

/** How a stream ended. */
export type PumpEnd =
  | { kind: 'eof' }
  | { kind: 'truncated'; cause?: unknown }
  | { kind: 'decode'; error: Error }
  | { kind: 'socket'; error: Error }
  /** The signal aborted, or the consumer asked to stop. */
  | { kind: 'stopped' };

export interface PumpOptions {
  encoding: Encoding;
  maxRecordBytes?: number;
  signal: AbortSignal;
  /** Receives each event; returns false to stop reading. */
  onEvent: (event: SchedulerEvent) => boolean;
}

const TRUNCATED = 'CATAPULT_RECORDIO_TRUNCATED';

/** Pumps `body` until it ends, breaks, or the consumer stops; resolves with how it ended. */
export async function pumpEvents(body: AsyncIterable<Uint8Array>, options: PumpOptions): Promise<PumpEnd> {
  const decoder = new RecordIODecoder(options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes });
  try {
    for await (const chunk of body) {
      let records: Uint8Array[];
      try {
        records = decoder.push(chunk);
      } catch (error) {
        return { kind: 'decode', error: error as Error };
      }
      for (const record of records) {
        let event: SchedulerEvent;
        try {
          event = decodeSchedulerEvent(record, options.encoding);
        } catch (error) {
          return { kind: 'decode', error: asDecodeError(error, record, options.encoding) };
        }
        if (!options.onEvent(event) || options.signal.aborted) return { kind: 'stopped' };
      }
    }
  } catch (error) {
    if (options.signal.aborted) return { kind: 'stopped' };
    return endedInside(decoder) ? { kind: 'truncated', cause: error } : { kind: 'socket', error: error as Error };
  }
  if (options.signal.aborted) return { kind: 'stopped' };
  return endedInside(decoder) ? { kind: 'truncated' } : { kind: 'eof' };
}

function endedInside(decoder: RecordIODecoder): boolean {
  try {
    decoder.end();
    return false;
  } catch (error) {
    return isCatapultError(error, TRUNCATED);
  }
}

function asDecodeError(error: unknown, record: Uint8Array, encoding: Encoding): Error {
  if (error instanceof CatapultError) return error;
  return new CatapultError('CATAPULT_WIRE_DECODE_FAILED', `a ${record.length}-byte ${encoding} record is not a scheduler Event; the stream is corrupt, reconnect`, {
    cause: error,
  });
}
