import {
  encodeRecord,
  RecordIODecoder,
  RecordIOHeaderError,
  RecordIORecordTooLargeError,
  RecordIOTruncatedError,
} from '../../../src/wire';
import { utf8 } from '../../fixtures/wire/hex';
import {
  chunkedJsonHeartbeats,
  jsonHeartbeatRecord,
  protobufExecutorHeartbeatRecord,
  protobufHeartbeatRecord,
  protobufSubscribedRecord,
} from '../../fixtures/wire/recordio';

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

function decodeAll(chunks: Uint8Array[], decoder = new RecordIODecoder()): string[] {
  const records = chunks.flatMap((chunk) => decoder.push(chunk));
  decoder.end();
  return records.map(hexOf);
}

describe('encodeRecord', () => {
  it('frames the worked examples of the fact sheet byte for byte', () => {
    expect(hexOf(encodeRecord(utf8('{"type":"HEARTBEAT"}')))).toBe(hexOf(jsonHeartbeatRecord));
    expect(hexOf(encodeRecord(new Uint8Array([0x08, 0x08])))).toBe(hexOf(protobufHeartbeatRecord));
    expect(hexOf(encodeRecord(new Uint8Array([0x08, 0x09])))).toBe(hexOf(protobufExecutorHeartbeatRecord));
    expect(hexOf(encodeRecord(protobufSubscribedRecord.subarray(3)))).toBe(hexOf(protobufSubscribedRecord));
  });

  it('counts bytes, not characters', () => {
    expect(Buffer.from(encodeRecord(utf8('é'))).toString('latin1').startsWith('2\n')).toBe(true);
  });
});

describe('RecordIODecoder', () => {
  it('decodes the worked examples', () => {
    expect(decodeAll([jsonHeartbeatRecord])).toEqual([hexOf(utf8('{"type":"HEARTBEAT"}'))]);
    expect(decodeAll([protobufHeartbeatRecord])).toEqual(['0808']);
    expect(decodeAll([protobufSubscribedRecord])).toEqual([hexOf(protobufSubscribedRecord.subarray(3))]);
  });

  it('decodes worked example 4: a header split across chunks and two records in one chunk', () => {
    const heartbeat = hexOf(utf8('{"type":"HEARTBEAT"}'));
    expect(decodeAll(chunkedJsonHeartbeats.map(utf8))).toEqual([heartbeat, heartbeat]);
  });

  const stream = concat(
    jsonHeartbeatRecord,
    protobufSubscribedRecord,
    encodeRecord(utf8('{"message":"naïve – 日本 🚀"}')),
    protobufHeartbeatRecord,
    encodeRecord(new Uint8Array(300).fill(0x0a)),
  );
  const expected = decodeAll([stream]);

  it('gives the same records for every split point of a multi-record stream', () => {
    expect(expected).toHaveLength(5);
    for (let split = 0; split <= stream.length; split++) {
      expect(decodeAll([stream.subarray(0, split), stream.subarray(split)])).toEqual(expected);
    }
  });

  it('gives the same records for every pair of split points', () => {
    const small = concat(jsonHeartbeatRecord, protobufSubscribedRecord, encodeRecord(utf8('ü€𝄞')));
    const want = decodeAll([small]);
    for (let a = 0; a <= small.length; a++) {
      for (let b = a; b <= small.length; b++) {
        expect(decodeAll([small.subarray(0, a), small.subarray(a, b), small.subarray(b)])).toEqual(want);
      }
    }
  });

  it('decodes one-byte chunks', () => {
    expect(decodeAll(Array.from(stream, (byte) => new Uint8Array([byte])))).toEqual(expected);
  });

  it('keeps a multi-byte UTF-8 character that straddles chunks intact', () => {
    const text = '{"data":"€"}';
    const framed = encodeRecord(utf8(text));
    const euroStart = framed.indexOf(0xe2);
    const records = decodeAll([framed.subarray(0, euroStart + 1), framed.subarray(euroStart + 1, euroStart + 2), framed.subarray(euroStart + 2)]);
    expect(Buffer.from(records[0]!, 'hex').toString('utf8')).toBe(text);
  });

  it('returns fresh arrays that do not alias the pushed chunk', () => {
    const chunk = concat(protobufHeartbeatRecord);
    const [record] = new RecordIODecoder().push(chunk);
    chunk.fill(0);
    expect(hexOf(record!)).toBe('0808');
  });

  it('tolerates empty lines before a header', () => {
    expect(decodeAll([utf8('\n\n'), protobufHeartbeatRecord, utf8('\n')])).toEqual(['0808']);
  });

  it('yields an empty record for a zero-length header', () => {
    expect(decodeAll([utf8('0\n')])).toEqual(['']);
  });

  it('refuses a non-digit header byte', () => {
    const decoder = new RecordIODecoder();
    let error: unknown;
    try {
      decoder.push(utf8('2x\n'));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RecordIOHeaderError);
    expect((error as RecordIOHeaderError).code).toBe('CATAPULT_RECORDIO_BAD_HEADER');
    expect(() => decoder.push(protobufHeartbeatRecord)).toThrow(RecordIOHeaderError);
  });

  it('refuses a header with a sign, space or carriage return', () => {
    for (const bad of ['-2\n', ' 2\n', '2\r\n', '{"type":"HEARTBEAT"}']) {
      expect(() => new RecordIODecoder().push(utf8(bad))).toThrow(RecordIOHeaderError);
    }
  });

  it('refuses a record larger than maxRecordBytes as soon as the header says so', () => {
    const decoder = new RecordIODecoder({ maxRecordBytes: 100 });
    expect(decoder.push(encodeRecord(new Uint8Array(100)))).toHaveLength(1);
    expect(() => decoder.push(utf8('101'))).toThrow(RecordIORecordTooLargeError);
    expect(() => new RecordIODecoder({ maxRecordBytes: 100 }).push(utf8('99999999999999999999999'))).toThrow(
      RecordIORecordTooLargeError,
    );
  });

  it('refuses a header longer than needed', () => {
    expect(() => new RecordIODecoder({ maxRecordBytes: 100 }).push(utf8('0000'))).toThrow(RecordIOHeaderError);
  });

  it('uses 16 MiB as the default limit', () => {
    expect(new RecordIODecoder().maxRecordBytes).toBe(16 * 1024 * 1024);
    expect(() => new RecordIODecoder().push(utf8(`${16 * 1024 * 1024 + 1}\n`))).toThrow(RecordIORecordTooLargeError);
  });

  it('reports a stream that ends inside a record or a header as truncated', () => {
    const insideRecord = new RecordIODecoder();
    insideRecord.push(jsonHeartbeatRecord.subarray(0, 10));
    expect(() => insideRecord.end()).toThrow(RecordIOTruncatedError);

    const insideHeader = new RecordIODecoder();
    insideHeader.push(utf8('2'));
    expect(() => insideHeader.end()).toThrow(RecordIOTruncatedError);

    const clean = new RecordIODecoder();
    clean.push(protobufHeartbeatRecord);
    expect(() => clean.end()).not.toThrow();
  });
});
