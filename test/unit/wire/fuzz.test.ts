/**
 * Seeded, bounded fuzzing: random bytes, truncations and mutations of the
 * golden fixtures go into every decoder. Each input must give a value or a
 * CatapultError, never another exception. Prints the seed on failure.
 */
import { CatapultError } from '../../../src/util/catapult-error';
import { seededRandom, type Random } from '../../../src/util/random';
import {
  decodeExecutorCall,
  decodeExecutorEvent,
  decodeSchedulerCall,
  decodeSchedulerEvent,
  encodeRecord,
  RecordIODecoder,
  type Encoding,
} from '../../../src/wire';
import { executorCallFixtures } from '../../fixtures/wire/executor-messages';
import { utf8 } from '../../fixtures/wire/hex';
import { schedulerCallFixtures } from '../../fixtures/wire/scheduler-calls';
import { schedulerEventFixtures } from '../../fixtures/wire/scheduler-events';

const SEED = Number(process.env.SEED ?? 20240823);
const decoders = [decodeSchedulerCall, decodeSchedulerEvent, decodeExecutorCall, decodeExecutorEvent];
const encodings: Encoding[] = ['protobuf', 'json'];
const fixtures = [...schedulerCallFixtures, ...schedulerEventFixtures, ...executorCallFixtures];
const seeds = fixtures.flatMap((f) => [f.protobuf, utf8(f.json)]);

const int = (random: Random, n: number): number => Math.floor(random.next() * n);

function randomBytes(random: Random, max: number): Uint8Array {
  return Uint8Array.from({ length: int(random, max + 1) }, () => int(random, 256));
}

function mutate(random: Random, input: Uint8Array): Uint8Array {
  const out = new Uint8Array(input);
  const flips = 1 + int(random, 3);
  for (let i = 0; i < flips && out.length > 0; i++) out[int(random, out.length)] = int(random, 256);
  return out;
}

function expectValueOrCatapultError(run: () => unknown, describe: () => string): void {
  try {
    run();
  } catch (err) {
    if (!(err instanceof CatapultError)) {
      throw new Error(`SEED=${SEED}: ${describe()} threw ${String(err)}`, { cause: err });
    }
  }
}

function feedDecoders(input: Uint8Array): void {
  for (const decode of decoders) {
    for (const encoding of encodings) {
      expectValueOrCatapultError(
        () => decode(input, encoding),
        () => `${decode.name}(${Buffer.from(input).toString('hex')}, ${encoding})`,
      );
    }
  }
}

function feedRecordIO(random: Random, stream: Uint8Array): void {
  const decoder = new RecordIODecoder({ maxRecordBytes: 1 + int(random, 4096) });
  expectValueOrCatapultError(
    () => {
      let pos = 0;
      while (pos < stream.length) {
        const size = 1 + int(random, 64);
        decoder.push(stream.subarray(pos, pos + size));
        pos += size;
      }
      decoder.end();
    },
    () => `RecordIODecoder on ${Buffer.from(stream).toString('hex')}`,
  );
}

describe(`fuzz (SEED=${SEED})`, () => {
  it('every truncation of every fixture decodes or fails with a CatapultError', () => {
    for (const input of seeds) {
      for (let end = 0; end < input.length; end++) feedDecoders(input.subarray(0, end));
    }
  });

  it('random bytes and mutated fixtures decode or fail with a CatapultError', () => {
    const random = seededRandom(SEED);
    for (let i = 0; i < 1500; i++) {
      const input = i % 3 === 0 ? randomBytes(random, 64) : mutate(random, seeds[int(random, seeds.length)]!);
      feedDecoders(input);
    }
  });

  it('random, truncated and mutated RecordIO streams decode or fail with a CatapultError', () => {
    const random = seededRandom(SEED + 1);
    const valid = seeds.map(encodeRecord);
    for (let i = 0; i < 1500; i++) {
      const stream = Buffer.concat([valid[int(random, valid.length)]!, valid[int(random, valid.length)]!]);
      const choice = i % 3;
      const input =
        choice === 0 ? randomBytes(random, 128) : choice === 1 ? stream.subarray(0, int(random, stream.length + 1)) : mutate(random, stream);
      feedRecordIO(random, input);
    }
  });

  it('deeply nested JSON fails with a CatapultError instead of overflowing the stack', () => {
    feedDecoders(utf8('['.repeat(100_000)));
    feedDecoders(utf8('{"update":'.repeat(10_000)));
  });
});
