/**
 * Every hand-written fixture: our encoders produce exactly its bytes and JSON,
 * decoding it gives the hand-written plain message, and re-encoding a decoded
 * fixture gives the same bytes, in both encodings.
 */
import {
  decodeExecutorCall,
  decodeSchedulerCall,
  decodeSchedulerEvent,
  encodeExecutorCall,
  encodeSchedulerCall,
  encodeSchedulerEvent,
  type Encoding,
} from '../../../src/wire';
import { executorCallFixtures } from '../../fixtures/wire/executor-messages';
import { utf8 } from '../../fixtures/wire/hex';
import { schedulerCallFixtures, type MessageFixture } from '../../fixtures/wire/scheduler-calls';
import { schedulerEventFixtures } from '../../fixtures/wire/scheduler-events';

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const textOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

interface Codec<T> {
  encode(value: T, encoding: Encoding): Uint8Array;
  decode(bytes: Uint8Array, encoding: Encoding): T;
}

function describeGolden<T>(group: string, fixtures: MessageFixture<T>[], codec: Codec<T>): void {
  describe(group, () => {
    describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
      it('encodes to the fixture protobuf bytes', () => {
        expect(hexOf(codec.encode(fixture.plain, 'protobuf'))).toBe(hexOf(fixture.protobuf));
      });

      it('encodes to the fixture JSON', () => {
        expect(textOf(codec.encode(fixture.plain, 'json'))).toBe(fixture.json);
      });

      it('decodes the protobuf bytes to the plain message', () => {
        expect(codec.decode(fixture.protobuf, 'protobuf')).toStrictEqual(fixture.plain);
      });

      it('decodes the JSON to the same plain message', () => {
        expect(codec.decode(utf8(fixture.json), 'json')).toStrictEqual(codec.decode(fixture.protobuf, 'protobuf'));
      });

      it('re-encodes a decoded message to identical bytes', () => {
        const fromProtobuf = codec.decode(fixture.protobuf, 'protobuf');
        const fromJson = codec.decode(utf8(fixture.json), 'json');
        expect(hexOf(codec.encode(fromProtobuf, 'protobuf'))).toBe(hexOf(fixture.protobuf));
        expect(textOf(codec.encode(fromJson, 'json'))).toBe(fixture.json);
        expect(hexOf(codec.encode(fromJson, 'protobuf'))).toBe(hexOf(fixture.protobuf));
        expect(textOf(codec.encode(fromProtobuf, 'json'))).toBe(fixture.json);
      });
    });
  });
}

describeGolden('scheduler calls', schedulerCallFixtures, { encode: encodeSchedulerCall, decode: decodeSchedulerCall });
describeGolden('scheduler events', schedulerEventFixtures, { encode: encodeSchedulerEvent, decode: decodeSchedulerEvent });
describeGolden('executor calls', executorCallFixtures, { encode: encodeExecutorCall, decode: decodeExecutorCall });
