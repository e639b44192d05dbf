import { createActor } from 'xstate';
import { appMachine, frameworkMachine, nextNodeId } from '../../../machines';

const at = 1_700_000_000_000;

describe('app machine', () => {
  it('initializes once, counts nodes in O(1) events and is removed when its last node is', () => {
    const app = createActor(appMachine, { input: { appId: 'web', at } }).start();
    expect(app.getSnapshot().value).toBe('initializing');
    app.send({ type: 'app.initialize', at });
    expect(app.getSnapshot().context.initialized).toBe(true);
    expect(app.getSnapshot().can({ type: 'app.initialize', at })).toBe(false);
    for (let i = 0; i < 3; i++) {
      const nodeId = nextNodeId(app.getSnapshot().context);
      expect(nodeId).toBe(`web-${i}`);
      app.send({ type: 'node.added', nodeId, state: 'pending', at });
    }
    app.send({ type: 'node.changed', nodeId: 'web-0', from: 'pending', to: 'running', at });
    expect(app.getSnapshot().context.counts).toEqual({ pending: 2, running: 1 });
    app.send({ type: 'app.remove', at });
    expect(app.getSnapshot().value).toBe('removing');
    app.send({ type: 'node.removed', nodeId: 'web-0', state: 'running', at });
    app.send({ type: 'node.removed', nodeId: 'web-1', state: 'pending', at });
    expect(app.getSnapshot().value).toBe('removing');
    app.send({ type: 'node.removed', nodeId: 'web-2', state: 'pending', at });
    expect(app.getSnapshot().value).toBe('removed');
    expect(app.getSnapshot().context.nextNodeIndex).toBe(3);
  });

  it('restores an initialized app straight into active without re-initializing', () => {
    const app = createActor(appMachine, { input: { appId: 'web', at } }).start();
    app.send({ type: 'app.initialize', at });
    const restored = createActor(appMachine, { snapshot: JSON.parse(JSON.stringify(app.getPersistedSnapshot())) } as never).start();
    expect(restored.getSnapshot().value).toBe('active');
    expect(restored.getSnapshot().can({ type: 'app.initialize', at })).toBe(false);
  });

  it('recounts from the nodes after a restore', () => {
    const app = createActor(appMachine, { input: { appId: 'web', at } }).start();
    app.send({ type: 'nodes.recount', counts: { running: 4, failed: 0, pending: 1 }, at });
    expect(app.getSnapshot().context).toMatchObject({ counts: { running: 4, pending: 1 }, nodeCount: 5 });
  });
});

describe('framework machine', () => {
  it('subscribes with the stored framework id when elected, re-subscribes with a durable backoff', () => {
    const fw = createActor(frameworkMachine, { input: { frameworkId: 'fw-1' } }).start();
    fw.send({ type: 'elected', at });
    expect(fw.getSnapshot().value).toEqual({ leading: 'subscribing' });
    expect(fw.getSnapshot().context.outbox).toEqual([{ id: 'framework#1', type: 'subscribe', frameworkId: 'fw-1' }]);
    fw.send({ type: 'subscribed', frameworkId: 'fw-1', at });
    fw.send({ type: 'disconnected', reason: 'stream ended', at });
    expect(fw.getSnapshot().value).toEqual({ leading: 'disconnected' });
    const first = fw.getSnapshot().context.deadlines.resubscribe! - at;
    fw.send({ type: 'timer', name: 'resubscribe', at: at + first - 1 });
    expect(fw.getSnapshot().value).toEqual({ leading: 'disconnected' });
    fw.send({ type: 'timer', name: 'resubscribe', at: at + first });
    expect(fw.getSnapshot().value).toEqual({ leading: 'subscribing' });
    fw.send({ type: 'error', message: 'connection refused', at: at + first });
    expect(fw.getSnapshot().context.deadlines.resubscribe! - (at + first)).toBe(first * 2);
    fw.send({ type: 'deposed', at });
    expect(fw.getSnapshot().value).toBe('standby');
    expect(fw.getSnapshot().context.outbox).toEqual([]);
  });

  it('stops and reports when Mesos says the framework has been removed', () => {
    const onFrameworkRemoved = jest.fn();
    const fw = createActor(frameworkMachine.provide({ actions: { onFrameworkRemoved } }), { input: { frameworkId: 'fw-1' } }).start();
    fw.send({ type: 'elected', at });
    fw.send({ type: 'error', message: 'Framework has been removed', at });
    expect(fw.getSnapshot().value).toBe('stopped');
    expect(fw.getSnapshot().context.frameworkId).toBeNull();
    expect(onFrameworkRemoved).toHaveBeenCalledTimes(1);
  });

  it('stops acting when suspended', () => {
    const fw = createActor(frameworkMachine, { input: {} }).start();
    fw.send({ type: 'elected', at });
    fw.send({ type: 'suspended', at });
    expect(fw.getSnapshot().value).toBe('standby');
  });
});
