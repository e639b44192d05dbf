import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor } from 'xstate';
import {
  loadEnvelope,
  nodeMachine,
  MACHINE_REGISTRY,
  NODE_MACHINE_ID,
  NODE_MACHINE_VERSION,
  SnapshotCorruptError,
  type NodeContext,
} from '../../../machines';
import { CatapultError } from '../../../src/util';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/snapshots', name), 'utf8');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CatapultError);
    return (err as CatapultError).code;
  }
  return undefined;
}

describe('snapshot envelopes and migrations', () => {
  it('ships the node machine as version 2 with a migration from 1', () => {
    expect(NODE_MACHINE_VERSION).toBe(2);
    expect(MACHINE_REGISTRY[NODE_MACHINE_ID]!.migrations[1]).toBeInstanceOf(Function);
  });

  it('migrates the v1 node fixture and resumes it', () => {
    const raw = fixture('v1/node-relaunching.json');
    const envelope = loadEnvelope(raw);
    expect(envelope.version).toBe(2);
    const context = envelope.snapshot.context as unknown as NodeContext & { failureCount?: number };
    expect(context.failures).toBe(2);
    expect(context.failureCount).toBeUndefined();
    expect(JSON.parse(raw).snapshot.context.failureCount).toBe(2); // input untouched

    const actor = createActor(nodeMachine, { snapshot: envelope.snapshot } as never).start();
    expect(actor.getSnapshot().value).toBe('relaunching');
    actor.send({ type: 'timer', name: 'relaunch', at: context.deadlines.relaunch! });
    expect(actor.getSnapshot().value).toBe('pending');
    expect(actor.getSnapshot().context.failures).toBe(2);
  });

  it('accepts bytes as well as text', () => {
    const bytes = new TextEncoder().encode(fixture('v1/node-relaunching.json'));
    expect(loadEnvelope(bytes).machineId).toBe(NODE_MACHINE_ID);
  });

  it('rejects an unknown machine', () => {
    expect(codeOf(() => loadEnvelope({ machineId: 'catapult.nope', version: 1, snapshot: {} }))).toBe('CATAPULT_SNAPSHOT_UNKNOWN_MACHINE');
  });

  it.each([3, 0, 1.5, '2', undefined])('rejects version %p of the node machine', (version) => {
    expect(codeOf(() => loadEnvelope({ machineId: NODE_MACHINE_ID, version, snapshot: {} }))).toBe('CATAPULT_SNAPSHOT_UNSUPPORTED_VERSION');
  });

  it('rejects a version with no migration path', () => {
    const registry = { x: { version: 3, migrations: { 2: (s: Record<string, unknown>) => s } } };
    expect(codeOf(() => loadEnvelope({ machineId: 'x', version: 1, snapshot: {} }, registry))).toBe('CATAPULT_SNAPSHOT_UNSUPPORTED_VERSION');
  });

  it.each([
    ['not JSON', '{"machineId":'],
    ['not an object', '[1,2]'],
    ['no machineId', '{"version":1,"snapshot":{}}'],
    ['no snapshot', `{"machineId":"${NODE_MACHINE_ID}","version":2}`],
    ['no context', `{"machineId":"${NODE_MACHINE_ID}","version":2,"snapshot":{"status":"active","value":"pending"}}`],
  ])('reports a corrupt envelope (%s)', (_, raw) => {
    expect(codeOf(() => loadEnvelope(raw))).toBe('CATAPULT_SNAPSHOT_CORRUPT');
  });

  it('reports a failing migration as corrupt, with the cause', () => {
    const boom = new Error('boom');
    const registry = { x: { version: 2, migrations: { 1: () => { throw boom; } } } };
    let caught: unknown;
    try {
      loadEnvelope({ machineId: 'x', version: 1, snapshot: { status: 'active', value: 'a', context: {} } }, registry);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SnapshotCorruptError);
    expect((caught as Error).cause).toBe(boom);
  });
});
