/**
 * What the scheduler runtime asks of src/nodes: app meta kept in the app's
 * envelope, node meta updates, a send that resolves once the transition is
 * durable, and state-change / removal hooks in place of per-actor
 * subscriptions.
 */
import { NodeRuntime, type NodeHost } from '../../../../src/nodes';
import { MemoryZnodeTree, openMemoryStore, type StateStore, type StoreWrite } from '../../../../src/store';
import { ManualClock } from '../../../../src/util';
import { flush } from './runtime-test-kit';

const executor = { launch: () => undefined, kill: () => undefined, acknowledge: () => undefined, message: () => undefined };

/** A store whose commits wait while `held`. */
function gate(store: StateStore) {
  const waiting: Array<() => void> = [];
  const state = { held: false };
  const commit = store.commit.bind(store);
  store.commit = (writes: readonly StoreWrite[]) => (state.held ? new Promise<void>((resolve, reject) => waiting.push(() => commit(writes).then(resolve, reject))) : commit(writes));
  return { state, release: () => ((state.held = false), waiting.splice(0).forEach((go) => go())) };
}

describe('NodeRuntime for the scheduler runtime', () => {
  it('keeps app meta and node meta in the envelopes, across a restore', async () => {
    const tree = new MemoryZnodeTree();
    const clock = new ManualClock();
    const first = new NodeRuntime({ store: await openMemoryStore({ tree }), executor, clock });
    const app = await first.createApp('web', { meta: { name: 'web', typeName: 'WebApp' } });
    expect(app.meta).toEqual({ name: 'web', typeName: 'WebApp' });
    await first.createApp('legacy', 3);
    const node = await first.addNode('web', { meta: { infoJson: '{}' } });
    await node.updateMeta({ infoJson: '{}', userData: 'AQID' });
    await app.updateMeta({ name: 'web', typeName: 'WebApp2' });
    first.stop();

    const second = new NodeRuntime({ store: await openMemoryStore({ tree }), executor, clock });
    await second.restore();
    expect(second.apps.get('web')!.meta).toEqual({ name: 'web', typeName: 'WebApp2' });
    expect(second.apps.get('legacy')!.meta).toBeNull();
    expect(second.apps.get('legacy')!.snapshot.context.desiredNodes).toBe(3);
    expect(second.node('web-0').meta).toEqual({ infoJson: '{}', userData: 'AQID' });
    second.stop();
  });

  it('resolves sendDurable once the transition is durable, at once when nothing changed', async () => {
    const store = await openMemoryStore();
    const gated = gate(store);
    const runtime = new NodeRuntime({ store, executor, clock: new ManualClock() });
    await runtime.createApp('web');
    const node = await runtime.addNode('web');
    gated.state.held = true;
    let durable = false;
    const sent = runtime.sendDurable('web-0', { type: 'pause' }).then(() => (durable = true));
    await flush();
    expect(node.state).toBe('paused');
    expect(durable).toBe(false);
    gated.release();
    await sent;
    expect(durable).toBe(true);
    await expect(node.sendDurable({ type: 'offer.unplaced', reason: 'x' })).resolves.toBeUndefined();
    runtime.stop();
  });

  it('rejects sendDurable with CATAPULT_NODE_PERSIST_FAILED when the write fails', async () => {
    const store = await openMemoryStore();
    const errors: Error[] = [];
    const runtime = new NodeRuntime({ store, executor, clock: new ManualClock(), onError: (e) => errors.push(e) });
    await runtime.createApp('web');
    const node = await runtime.addNode('web');
    store.commit = () => Promise.reject(new Error('disk on fire'));
    await expect(node.sendDurable({ type: 'pause' })).rejects.toMatchObject({ code: 'CATAPULT_NODE_PERSIST_FAILED' });
    node.send({ type: 'resume' }); // ignored promise: no unhandled rejection
    await flush();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    runtime.stop();
  });

  it('calls onStateChange for new, restored and changed nodes, and onRemoved once the record is gone', async () => {
    const tree = new MemoryZnodeTree();
    const seen: Array<[string, string | null, string]> = [];
    const removed: string[] = [];
    const hooks = { onStateChange: (h: NodeHost, from: string | null, to: string) => void seen.push([h.nodeId, from, to]), onRemoved: (h: NodeHost) => void removed.push(h.nodeId) };
    const runtime = new NodeRuntime({ store: await openMemoryStore({ tree }), executor, clock: new ManualClock(), ...hooks });
    await runtime.createApp('web');
    const node = await runtime.addNode('web');
    await node.sendDurable({ type: 'pause' });
    runtime.stop();
    const restored = new NodeRuntime({ store: await openMemoryStore({ tree }), executor, clock: new ManualClock(), ...hooks });
    await restored.restore();
    await restored.sendDurable('web-0', { type: 'remove' });
    await flush();
    expect(seen).toEqual([
      ['web-0', null, 'pending'],
      ['web-0', 'pending', 'paused'],
      ['web-0', null, 'paused'],
      ['web-0', 'paused', 'removed'],
    ]);
    expect(removed).toEqual(['web-0']);
    expect(restored.nodes.has('web-0')).toBe(false);
    restored.stop();
  });
});
