/**
 * An incremental RecordIO decoder working on raw bytes.
 */
import { RecordIOHeaderError, RecordIORecordTooLargeError, RecordIOTruncatedError } from './wire-errors';

const LF = 0x0a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Options of {@link RecordIODecoder}. */
export interface RecordIODecoderOptions {
  /** The largest record accepted, in bytes. Default 16 MiB. */
  maxRecordBytes?: number;
}

/** The default {@link RecordIODecoderOptions.maxRecordBytes}: 16 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Splits a RecordIO byte stream (`<decimal length>\n<bytes>` repeated) into
 * records, whatever the chunking: a chunk may end anywhere (inside a length
 * header, inside a record) and may hold many records.
 *
 * Contract:
 * - `push(chunk)` returns the records completed by this chunk, in order, each
 *   a fresh `Uint8Array` (never a view of `chunk`).
 * - Empty lines before a header are skipped; a `0` header yields an empty record.
 * - A header byte that is not a digit throws {@link RecordIOHeaderError}; a
 *   header announcing more than `maxRecordBytes` throws
 *   {@link RecordIORecordTooLargeError} as soon as the digits say so, so the
 *   decoder never buffers more than one record of at most `maxRecordBytes`.
 * - `end()` throws {@link RecordIOTruncatedError} when the stream stopped
 *   inside a header or a record.
 * - After an error the stream is broken: every later `push`/`end` throws the
 *   same error. Start a new decoder for a new stream.
 */
export class RecordIODecoder {
  readonly maxRecordBytes: number;
  private readonly maxHeaderDigits: number;
  private headerDigits = 0;
  private headerValue = 0;
  private record: Uint8Array | undefined;
  private filled = 0;
  private failure: Error | undefined;

  constructor(options: RecordIODecoderOptions = {}) {
    const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 0) {
      throw new RangeError(`maxRecordBytes must be a non-negative safe integer, got ${maxRecordBytes}`);
    }
    this.maxRecordBytes = maxRecordBytes;
    this.maxHeaderDigits = String(maxRecordBytes).length;
  }

  /** Feeds the next chunk of the stream; returns the records it completed. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failure) throw this.failure;
    try {
      return this.consume(chunk);
    } catch (err) {
      this.failure = err as Error;
      throw err;
    }
  }

  /** Declares the end of the stream; throws if it ended inside a header or record. */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.record !== undefined) {
      this.failure = new RecordIOTruncatedError(
        `RecordIO stream ended after ${this.filled} of the ${this.record.length} bytes of a record; the connection was cut, reconnect`,
        { details: { receivedBytes: this.filled, recordBytes: this.record.length } },
      );
      throw this.failure;
    }
    if (this.headerDigits > 0) {
      this.failure = new RecordIOTruncatedError(
        'RecordIO stream ended inside a length header; the connection was cut, reconnect',
        { details: { headerDigits: this.headerDigits } },
      );
      throw this.failure;
    }
  }

  private consume(chunk: Uint8Array): Uint8Array[] {
    const records: Uint8Array[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (this.record !== undefined) {
        const take = Math.min(this.record.length - this.filled, chunk.length - pos);
        this.record.set(chunk.subarray(pos, pos + take), this.filled);
        this.filled += take;
        pos += take;
        if (this.filled === this.record.length) {
          records.push(this.record);
          this.record = undefined;
        }
        continue;
      }
      const byte = chunk[pos++]!;
      if (byte === LF) {
        if (this.headerDigits > 0) this.startRecord(records);
        continue;
      }
      this.addHeaderDigit(byte);
    }
    return records;
  }

  private addHeaderDigit(byte: number): void {
    if (byte < DIGIT_0 || byte > DIGIT_9) {
      throw new RecordIOHeaderError(
        `RecordIO length header holds byte 0x${byte.toString(16).padStart(2, '0')}, not a decimal digit; the stream is not RecordIO (check the response Content-Type) or is corrupt`,
        { details: { byte } },
      );
    }
    this.headerDigits++;
    this.headerValue = this.headerValue * 10 + (byte - DIGIT_0);
    if (this.headerValue > this.maxRecordBytes) {
      throw new RecordIORecordTooLargeError(
        `RecordIO record is larger than maxRecordBytes (${this.maxRecordBytes}); raise maxRecordBytes if such records are expected`,
        { details: { maxRecordBytes: this.maxRecordBytes } },
      );
    }
    if (this.headerDigits > this.maxHeaderDigits) {
      throw new RecordIOHeaderError(
        `RecordIO length header has more digits than a record of at most ${this.maxRecordBytes} bytes needs; the stream is corrupt`,
        { details: { headerDigits: this.headerDigits, maxRecordBytes: this.maxRecordBytes } },
      );
    }
  }

  private startRecord(records: Uint8Array[]): void {
    const length = this.headerValue;
    this.headerDigits = 0;
    this.headerValue = 0;
    if (length === 0) {
      records.push(new Uint8Array(0));
      return;
    }
    this.record = new Uint8Array(length);
    this.filled = 0;
  }
}
