import { createActor } from 'xstate';
import {
  appMachine,
  createNodeMachine,
  encodeEnvelope,
  loadEnvelope,
  nodeMachine,
  toEnvelope,
  APP_MACHINE_ID,
  APP_MACHINE_VERSION,
  NODE_MACHINE_ID,
  NODE_MACHINE_VERSION,
} from '../../../machines';
import { encodeActorEnvelope, encodeEnvelopeJson } from '../../../machines/snapshot-envelope';
import { fixture, nodeEnvelope, nodeShapes, roundTrip } from './envelope-kit';
import { NodeDriver, T0 } from './node-test-kit';

describe('compact node envelopes (format 2)', () => {
  it.each(nodeShapes())('round-trips a node (%s) exactly, and re-encodes to the same bytes', (_, make) => {
    const n = make();
    const envelope = nodeEnvelope(n, { template: { cpus: 0.5 } });
    const { text, loaded, snapshotJson, metaJson } = roundTrip(envelope);
    expect(text.startsWith('[2,"catapult.node",2,1,')).toBe(true);
    expect(snapshotJson).toBe(JSON.stringify(envelope.snapshot));
    expect(metaJson).toBe(JSON.stringify(envelope.meta));
    expect(text.length).toBeLessThan(encodeEnvelopeJson(envelope).length / 2);

    expect(encodeActorEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, n.actor, envelope.meta)).toBe(text);
    const restored = createActor(nodeMachine, { snapshot: loaded.snapshot } as never).start();
    expect(restored.getSnapshot().value).toEqual(n.snapshot.value);
    expect(restored.getSnapshot().context).toEqual(n.context);
    expect(encodeEnvelope(toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, restored.getPersistedSnapshot(), loaded.meta))).toBe(text);
  });

  it('round-trips 300 random event sequences exactly (every combination of optional fields)', () => {
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n);
    const maybe = (value: unknown) => (rand(2) === 0 ? undefined : value);
    const states = ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_FINISHED', 'TASK_UNREACHABLE', 'TASK_GONE'];
    for (let run = 0; run < 300; run++) {
      const n = new NodeDriver({ options: rand(3) === 0 ? { maxFailures: rand(4) } : undefined });
      for (let step = 0; step < 25 && n.snapshot.status === 'active'; step++) {
        n.advance(rand(5_000));
        const pick = rand(10);
        if (pick < 5) {
          const taskId = rand(6) === 0 ? 'web-0.1' : n.taskId;
          const event: Record<string, unknown> = { type: 'task.status', taskId, state: states[rand(states.length)] };
          for (const [key, value] of [['reason', 'REASON_X'], ['source', rand(2) ? 'SOURCE_AGENT' : 'SOURCE_CUSTOM'], ['uuid', `u${rand(99)}`], ['message', 'm'], ['agentId', `agent-${rand(3)}`], ['executorId', 'ex']]) {
            const v = maybe(value);
            if (v !== undefined) event[key as string] = v;
          }
          n.send(event as never);
        } else if (pick < 7) n.send({ type: 'offer.matched', agentId: `agent-${rand(3)}`, hostname: 'h', offerId: `o${rand(99)}`, ...(rand(2) ? { ports: [rand(9)] } : {}) });
        else if (pick === 7) n.send({ type: ['kill', 'pause', 'resume', 'relaunch', 'message.send', 'offer.unplaced'][rand(6)]!, data: 'd', reason: 'r' });
        else if (pick === 8) n.fireDue().advance(10 ** 6).fireDue();
        else n.drain();
      }
      const envelope = nodeEnvelope(n, rand(2) ? null : { i: run });
      const { text, loaded, snapshotJson } = roundTrip(envelope);
      expect(snapshotJson).toBe(JSON.stringify(envelope.snapshot));
      expect(encodeActorEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, n.actor, envelope.meta)).toBe(text);
      if (n.snapshot.status === 'active') {
        expect(text.startsWith('[2,"catapult.node",2,1,')).toBe(true);
        const restored = createActor(nodeMachine, { snapshot: loaded.snapshot } as never);
        expect(encodeEnvelope(toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, restored.getPersistedSnapshot(), loaded.meta))).toBe(text);
      }
    }
  });

  it('encodes from the live snapshot only when that gives the same text', () => {
    const machine = createNodeMachine({ actions: { onRunning: (() => undefined) as never } });
    const n = new NodeDriver({}, machine).run();
    const persisted = jest.spyOn(n.actor, 'getPersistedSnapshot');
    for (const meta of [undefined, null, { a: 1 }]) {
      const expected = encodeEnvelope(toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, n.actor.getPersistedSnapshot(), meta));
      expect(encodeActorEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, n.actor, meta)).toBe(expected);
    }
    expect(persisted).toHaveBeenCalledTimes(3); // by the expectations only
    const app = createActor(appMachine, { input: { appId: 'web', at: T0 } }).start();
    expect(encodeActorEnvelope(APP_MACHINE_ID, APP_MACHINE_VERSION, app)).toBe(encodeEnvelope(toEnvelope(APP_MACHINE_ID, APP_MACHINE_VERSION, app.getPersistedSnapshot())));
    const removed = new NodeDriver().send({ type: 'remove' });
    expect(encodeActorEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, removed.actor, null)).toBe(encodeEnvelope(nodeEnvelope(removed)));
  });

  it('keeps meta absent, null or any JSON value as format 1 did', () => {
    const n = new NodeDriver().run();
    for (const meta of [undefined, null, 0, 'x', [1, { a: null }], { nested: { deep: [true] } }]) {
      const envelope = nodeEnvelope(n, meta);
      const { loaded } = roundTrip(envelope);
      expect(loaded.meta).toEqual(JSON.parse(encodeEnvelopeJson(envelope)).meta);
    }
  });

  it('keeps the node small: 0, 12 and 50 history entries', () => {
    const sizes = [0, 12, 50].map((entries) => {
      const n = new NodeDriver().run().drain();
      const snapshot = n.actor.getPersistedSnapshot() as any;
      const history = snapshot.context.history as any[];
      const longer = Array.from({ length: entries }, (_, i) => ({ ...history[i % history.length]!, at: T0 + i }));
      const envelope = toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, { ...snapshot, context: { ...snapshot.context, history: longer } }, null);
      expect(roundTrip(envelope).snapshotJson).toBe(JSON.stringify(envelope.snapshot));
      return [encodeEnvelopeJson(envelope).length, encodeEnvelope(envelope).length];
    });
    for (const [json, compact] of sizes) expect(compact).toBeLessThan(json! * 0.4);
    expect(sizes[2]![1]).toBeLessThan(2_500);
  });

  it('writes custom states and extra context fields compactly, and restores them', () => {
    const machine = createNodeMachine({
      states: { degraded: { tags: ['live'], on: { 'executor.message': { target: 'running' } } } },
      transitions: { running: { 'executor.message': { target: 'degraded', actions: 'noteHealth' } } },
      actions: { noteHealth: (() => undefined) as never },
    });
    const n = new NodeDriver({}, machine).run().send({ type: 'executor.message', data: 'x' });
    expect(n.value).toBe('degraded');
    const snapshot = n.actor.getPersistedSnapshot() as any;
    const withExtra = { ...snapshot, context: { ...snapshot.context, health: { checks: [1, 2], ok: false }, note: 'n' } };
    for (const s of [snapshot, withExtra]) {
      const envelope = toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, s, null);
      const { text, loaded, snapshotJson } = roundTrip(envelope);
      expect(text.startsWith('[2,"catapult.node",2,1,')).toBe(true);
      expect(snapshotJson).toBe(JSON.stringify(s));
      expect(createActor(machine, { snapshot: loaded.snapshot } as never).getSnapshot().value).toBe('degraded');
    }
  });

  it.each([
    ['a cause with an unknown field', (c: any) => ({ ...c, history: [...c.history, { ...c.history[1], cause: { ...c.history[1].cause, extra: 1 } }] })],
    ['a fractional time', (c: any) => ({ ...c, createdAt: c.createdAt + 0.5 })],
    ['a present but undefined optional field', (c: any) => ({ ...c, lastStatus: { ...c.lastStatus, reason: undefined } })],
    ['a null optional field', (c: any) => ({ ...c, lastStatus: { ...c.lastStatus, reason: null } })],
    ['an unknown command type', (c: any) => ({ ...c, outbox: [{ type: 'reserve', id: 'web-0#9' }] })],
    ['an unknown option', (c: any) => ({ ...c, options: { ...c.options, extra: 1 } })],
    ['a string where a number belongs', (c: any) => ({ ...c, incarnation: '1' })],
    ['an extra field before the known ones', (c: any) => ({ early: 1, ...c })],
  ])('falls back to the generic body for %s and still loads it exactly', (_, change) => {
    const snapshot = new NodeDriver().run().actor.getPersistedSnapshot() as any;
    const odd = { ...snapshot, context: change(snapshot.context) };
    const envelope = toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, odd, null);
    const { text, snapshotJson } = roundTrip(envelope);
    expect(text.startsWith('[2,"catapult.node",2,0,')).toBe(true);
    expect(snapshotJson).toBe(JSON.stringify(odd));
  });

  it('writes other machines with the generic body, and a done snapshot as the JSON object', () => {
    const app = createActor(appMachine, { input: { appId: 'web', at: T0, desiredNodes: 2 } }).start();
    const envelope = toEnvelope(APP_MACHINE_ID, APP_MACHINE_VERSION, app.getPersistedSnapshot());
    const { text, snapshotJson } = roundTrip(envelope);
    expect(text.startsWith('[2,"catapult.app",1,0,')).toBe(true);
    expect(snapshotJson).toBe(JSON.stringify(envelope.snapshot));

    const removed = new NodeDriver().send({ type: 'remove' });
    expect(removed.snapshot.status).toBe('done');
    const done = nodeEnvelope(removed);
    expect(roundTrip(done).text.startsWith('{')).toBe(true);
    expect(roundTrip(done).snapshotJson).toBe(JSON.stringify(done.snapshot));
  });

  it('re-encodes the format 1 fixture of app records compactly with the same content', () => {
    const raw = fixture('v2/app-web.json');
    const loaded = loadEnvelope(raw);
    expect(JSON.stringify(loaded.snapshot)).toBe(JSON.stringify(JSON.parse(raw).snapshot));
    expect(roundTrip(loaded).snapshotJson).toBe(JSON.stringify(loaded.snapshot));
  });
});
