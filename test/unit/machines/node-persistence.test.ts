import { createActor } from 'xstate';
import { nodeMachine, encodeEnvelope, loadEnvelope, toEnvelope, NODE_MACHINE_ID, NODE_MACHINE_VERSION } from '../../../machines';
import { NodeDriver } from './node-test-kit';

function roundTrip(n: NodeDriver, machine = nodeMachine) {
  const json = JSON.stringify(n.actor.getPersistedSnapshot());
  const restored = createActor(machine, { snapshot: JSON.parse(json) } as never);
  restored.start();
  return { json, restored };
}

describe('node machine persisted snapshots', () => {
  it.each([
    ['pending', (n: NodeDriver) => n],
    ['launching', (n: NodeDriver) => n.offer()],
    ['running', (n: NodeDriver) => n.run()],
    ['killing', (n: NodeDriver) => n.run().send({ type: 'kill' })],
    ['relaunching', (n: NodeDriver) => n.run().status('TASK_FAILED')],
    ['unreachable', (n: NodeDriver) => n.run().status('TASK_UNREACHABLE')],
    ['paused', (n: NodeDriver) => n.send({ type: 'pause' })],
    ['finished', (n: NodeDriver) => n.run().status('TASK_FINISHED')],
  ])('restores %s with the same value, context, tags and can() answers', (state, drive) => {
    const n = drive(new NodeDriver());
    expect(n.value).toBe(state);
    const { json, restored } = roundTrip(n);
    const snap = restored.getSnapshot();
    expect(snap.value).toEqual(n.snapshot.value);
    expect(snap.context).toEqual(n.context);
    expect([...snap.tags].sort()).toEqual([...n.snapshot.tags].sort());
    for (const event of [
      { type: 'kill', at: n.now },
      { type: 'remove', at: n.now },
      { type: 'resume', at: n.now },
      { type: 'task.status', taskId: n.taskId, state: 'TASK_RUNNING', at: n.now },
      { type: 'timer', name: 'relaunch', at: n.now + 10 ** 9 },
    ] as const) {
      expect(snap.can(event)).toBe(n.snapshot.can(event));
    }
    expect(JSON.stringify(restored.getPersistedSnapshot())).toBe(json);
  });

  it('does not re-run entry actions (callbacks) on restore', () => {
    const onRunning = jest.fn();
    const machine = nodeMachine.provide({ actions: { onRunning } });
    const n = new NodeDriver({}, machine).run();
    expect(onRunning).toHaveBeenCalledTimes(1);
    const { restored } = roundTrip(n, machine);
    expect(restored.getSnapshot().value).toBe('running');
    expect(onRunning).toHaveBeenCalledTimes(1);
    expect(restored.getSnapshot().context.deadlines.stable).toBe(n.context.deadlines.stable);
  });

  it('keeps deadlines and the outbox through the envelope', () => {
    const n = new NodeDriver().run().status('TASK_FAILED');
    const text = encodeEnvelope(toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, n.actor.getPersistedSnapshot()));
    const { snapshot } = loadEnvelope(text);
    const restored = createActor(nodeMachine, { snapshot } as never).start();
    const ctx = restored.getSnapshot().context;
    expect(ctx.deadlines.relaunch).toBe(n.context.deadlines.relaunch);
    expect(ctx.outbox).toEqual(n.context.outbox);
    restored.send({ type: 'timer', name: 'relaunch', at: ctx.deadlines.relaunch! });
    expect(restored.getSnapshot().value).toBe('pending');
  });

  it('is small: a running node with a full history stays under 12 KB of JSON', () => {
    const n = new NodeDriver();
    for (let i = 0; i < 12; i++) n.run().status('TASK_FAILED').fire('relaunch').drain();
    expect(n.context.history).toHaveLength(50);
    expect(JSON.stringify(n.actor.getPersistedSnapshot()).length).toBeLessThan(12_000);
  });
});
