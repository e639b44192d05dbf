import { createActor } from 'xstate';
import { loadEnvelope, encodeEnvelope, nodeMachine, DEFAULT_NODE_OPTIONS, NODE_STATES, TASK_STATES, type NodeContext } from '../../../machines';
import {
  CAUSE_KINDS,
  COMMAND_NAMES,
  COMMAND_TYPES,
  FORMAT_2_OPTIONS,
  OPTION_KEYS,
  SOURCE_NAMES,
  STATE_NAMES,
  TASK_STATE_NAMES,
  TIMER_NAMES,
} from '../../../machines/persistence/codec-tables';
import { CatapultError } from '../../../src/util';
import { fixture, roundTrip } from './envelope-kit';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CatapultError);
    return (err as CatapultError).code;
  }
  return undefined;
}

describe('envelope formats', () => {
  describe('format 1 records written by the previous writer (fixtures v2/)', () => {
    it.each([
      ['node-running.json', 'running'],
      ['node-killing.json', 'killing'],
      ['node-full-history.json', 'relaunching'],
    ])('%s loads unchanged, resumes, and is then written compactly with the same content', (name, state) => {
      const raw = fixture(`v2/${name}`);
      const stored = JSON.parse(raw);
      const loaded = loadEnvelope(raw);
      expect(loaded.version).toBe(2);
      expect(JSON.stringify(loaded.snapshot)).toBe(JSON.stringify(stored.snapshot));
      expect(loaded.meta).toEqual(stored.meta);

      const actor = createActor(nodeMachine, { snapshot: loaded.snapshot } as never).start();
      expect(actor.getSnapshot().value).toBe(state);
      const again = roundTrip(loaded);
      expect(again.text.startsWith('[2,"catapult.node",2,1,')).toBe(true);
      expect(again.text.length).toBeLessThan(raw.length / 2);
      expect(again.snapshotJson).toBe(JSON.stringify(stored.snapshot));
      expect(again.metaJson).toBe(JSON.stringify(stored.meta));
    });

    it('the v1 fixture migrates whichever way its result is re-encoded', () => {
      const loaded = loadEnvelope(fixture('v1/node-relaunching.json'));
      const { loaded: again, text } = roundTrip(loaded);
      expect(text.startsWith('[2,')).toBe(true);
      expect((again.snapshot.context as unknown as NodeContext).failures).toBe(2);
      expect(again.snapshot).toEqual(loaded.snapshot);
    });
  });

  describe('vocabulary tables', () => {
    // Records refer to these names by position: only ever append.
    it('are pinned (append-only)', () => {
      expect(STATE_NAMES.slice(0, 15)).toEqual(['pending', 'launching', 'staging', 'starting', 'running', 'unreachable', 'killing', 'finished', 'failed', 'killed', 'lost', 'relaunching', 'paused', 'removed', 'unknown']);
      expect(TASK_STATE_NAMES.slice(0, 14)).toEqual([...TASK_STATES].slice(0, 14));
      expect(CAUSE_KINDS.slice(0, 7)).toEqual(['created', 'mesos', 'message', 'operator', 'timer', 'offer', 'other']);
      expect(COMMAND_NAMES.slice(0, 6)).toEqual(['kill', 'remove', 'relaunch', 'pause', 'resume', 'send']);
      expect(TIMER_NAMES.slice(0, 5)).toEqual(['relaunch', 'killRetry', 'launchTimeout', 'stable', 'unreachable']);
      expect(COMMAND_TYPES.slice(0, 4)).toEqual(['launch', 'kill', 'acknowledge', 'message']);
      expect(SOURCE_NAMES.slice(0, 3)).toEqual(['SOURCE_MASTER', 'SOURCE_AGENT', 'SOURCE_EXECUTOR']);
      expect(OPTION_KEYS).toEqual(['backoffInitialMs', 'backoffMaxMs', 'stableAfterMs', 'killRetryMs', 'launchTimeoutMs', 'unreachableTimeoutMs', 'maxFailures', 'historyLimit']);
    });

    it('cover every state and task state the machine has', () => {
      for (const s of NODE_STATES) expect(STATE_NAMES).toContain(s);
      for (const s of TASK_STATES) expect(TASK_STATE_NAMES).toContain(s);
    });

    // Not a correctness condition (non-default options are written in full), only a size one.
    it('omit options that equal DEFAULT_NODE_OPTIONS (if this fails, defaults changed: keep FORMAT_2_OPTIONS as it is)', () => {
      expect({ ...DEFAULT_NODE_OPTIONS }).toEqual({ ...FORMAT_2_OPTIONS });
      expect(Object.keys(DEFAULT_NODE_OPTIONS)).toEqual([...OPTION_KEYS]);
    });
  });

  describe('corrupt compact records', () => {
    const good = () => JSON.parse(encodeEnvelope(loadEnvelope(fixture('v2/node-running.json')))) as unknown[];
    const body = (change: (b: unknown[]) => void) => {
      const e = good();
      change(e[4] as unknown[]);
      return JSON.stringify(e);
    };

    it.each([
      ['an unknown format', '[3,"catapult.node",2,1,[]]'],
      ['an unknown body codec', '[2,"catapult.node",2,7,[]]'],
      ['a short node tuple', '[2,"catapult.node",2,1,[[],0]]'],
      ['a generic body that is not [value, context]', '[2,"catapult.app",1,0,["idle"]]'],
      ['a bad string reference', body((b) => (b[9] = 999))],
      ['a bad state reference', body((b) => (b[1] = 999))],
      ['a non-integer time', body((b) => (b[21] = 'soon'))],
      ['a history that is not a list', body((b) => (b[19] = {}))],
      ['a bad cause kind', body((b) => ((b[19] as unknown[][])[0]![3] = 99))],
      ['a bad command type', body((b) => (b[17] = [[9, 1]]))],
      ['options of the wrong length', body((b) => (b[20] = [1, 2]))],
      ['extra context that is not an object', body((b) => (b[22] = 5))],
    ])('reports %s as CATAPULT_SNAPSHOT_CORRUPT', (_, raw) => {
      expect(codeOf(() => loadEnvelope(raw))).toBe('CATAPULT_SNAPSHOT_CORRUPT');
    });

    it('checks machine and version before the body', () => {
      expect(codeOf(() => loadEnvelope('[2,"catapult.nope",1,1,[]]'))).toBe('CATAPULT_SNAPSHOT_UNKNOWN_MACHINE');
      expect(codeOf(() => loadEnvelope('[2,"catapult.node",3,1,[]]'))).toBe('CATAPULT_SNAPSHOT_UNSUPPORTED_VERSION');
    });
  });
});
