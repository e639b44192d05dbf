import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeRuntime } from '../../../src/nodes';
import { MemoryZnodeTree, openMemoryStore, putRecord, nodeKey, type RecordStore } from '../../../src/store';
import { ManualClock } from '../../../src/util';
import { flushPromises, GatedStore, RecordingExecutor } from './nodes-test-kit';

async function setup(tree = new MemoryZnodeTree(), clock = new ManualClock()) {
  const store = await openMemoryStore({ tree });
  const gated = new GatedStore(store);
  const executor = new RecordingExecutor();
  const errors: Error[] = [];
  const runtime = new NodeRuntime({ store: gated, executor, clock, onError: (e) => errors.push(e) });
  return { tree, store, gated, executor, runtime, clock, errors };
}

const status = (taskId: string, state: string, uuid?: string) => ({ taskId, state: state as never, agentId: 'agent-1', uuid });

describe('NodeRuntime', () => {
  it('persists a transition before running its commands, and acknowledges only after the write', async () => {
    const { runtime, gated, executor } = await setup();
    await runtime.createApp('web');
    const node = await runtime.addNode('web');
    expect(node.nodeId).toBe('web-0');

    gated.hold = true;
    node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: 'o1' });
    await flushPromises();
    expect(gated.pending).toBe(2); // the node and its app (whose counts changed)
    expect(executor.calls).toEqual([]);
    gated.release();
    await flushPromises();
    expect(executor.of('launch')).toEqual([expect.objectContaining({ taskId: 'web-0.1', agentId: 'agent-1' })]);
    expect(node.snapshot.context.outbox).toEqual([]); // command.done came back

    gated.hold = true;
    expect(runtime.routeStatus(status('web-0.1', 'TASK_RUNNING', 'dXVpZA=='))).toBe(true);
    await flushPromises();
    expect(node.state).toBe('running');
    expect(executor.of('acknowledge')).toEqual([]);
    gated.release();
    await flushPromises();
    expect(executor.of('acknowledge')).toEqual([expect.objectContaining({ taskId: 'web-0.1', uuid: 'dXVpZA==' })]);
    await runtime.settled();
  });

  it('routes statuses by task id, incarnation aware, and reports unknown tasks', async () => {
    const { runtime, clock } = await setup();
    await runtime.createApp('web');
    const node = await runtime.addNode('web', { options: { backoffInitialMs: 1_000 } });
    node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: 'o1' });
    runtime.routeStatus(status('web-0.1', 'TASK_FAILED'));
    clock.advance(1_000);
    expect(node.state).toBe('pending');
    expect(runtime.routeStatus(status('web-0.1', 'TASK_RUNNING'))).toBe(true);
    expect(node.state).toBe('pending');
    expect(node.snapshot.context.history.at(-1)?.cause).toMatchObject({ stale: true });
    expect(runtime.routeStatus(status('web-9.1', 'TASK_RUNNING'))).toBe(false);
    expect(runtime.routeStatus(status('garbage', 'TASK_RUNNING'))).toBe(false);
    await runtime.settled();
  });

  it('keeps the app counts in step with its nodes and deletes a removed node', async () => {
    const { runtime, store } = await setup();
    const app = await runtime.createApp('web');
    const a = await runtime.addNode('web');
    await runtime.addNode('web');
    a.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: 'o1' });
    runtime.routeStatus(status('web-0.1', 'TASK_RUNNING'));
    expect(app.snapshot.context.counts).toEqual({ running: 1, pending: 1 });
    a.send({ type: 'remove' });
    runtime.routeStatus(status('web-0.1', 'TASK_KILLED', 'a2lsbA=='));
    await flushPromises();
    await runtime.settled();
    expect(runtime.nodes.has('web-0')).toBe(false);
    expect(await store.listNodes('web')).toEqual(['web-1']);
    expect(app.snapshot.context).toMatchObject({ nodeCount: 1, counts: { pending: 1 } });
  });

  it('runs the initialized callback once per app, across a restore', async () => {
    const first = await setup();
    const app = await first.runtime.createApp('web');
    expect(await app.initializeOnce()).toBe(true);
    expect(await app.initializeOnce()).toBe(false);
    const second = await setup(first.tree);
    await second.runtime.restore();
    expect(await second.runtime.app('web').initializeOnce()).toBe(false);
  });

  it('leaves a failed command queued and runs it again on the next transition', async () => {
    const { runtime, executor, errors } = await setup();
    await runtime.createApp('web');
    const node = await runtime.addNode('web');
    executor.failNext = new Error('master unreachable');
    node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: 'o1' });
    await flushPromises();
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['CATAPULT_NODE_COMMAND_FAILED']);
    expect(node.snapshot.context.outbox).toHaveLength(1);
    node.send({ type: 'offer.unplaced', reason: 'noise' });
    runtime.routeStatus(status('web-0.1', 'TASK_STAGING'));
    await flushPromises();
    expect(executor.of('launch')).toHaveLength(1);
    expect(node.snapshot.context.outbox).toEqual([]);
  });

  it('stops acting once another leader fenced its store', async () => {
    const { runtime, tree, executor, errors } = await setup();
    await runtime.createApp('web');
    const node = await runtime.addNode('web');
    await openMemoryStore({ tree }); // a new leader bumps the epoch
    node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: 'o1' });
    await flushPromises();
    expect(errors[0]?.cause).toMatchObject({ code: 'CATAPULT_STORE_FENCED' });
    expect(runtime.isActive).toBe(false);
    expect(executor.calls).toEqual([]);
  });
});

describe('NodeRuntime.restore', () => {
  it('restores a pending relaunch backoff and fires it on time', async () => {
    const first = await setup();
    await first.runtime.createApp('web');
    const node = await first.runtime.addNode('web', { options: { backoffInitialMs: 30_000 } });
    node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: 'o1' });
    first.runtime.routeStatus(status('web-0.1', 'TASK_FAILED', 'Zg=='));
    await flushPromises();
    await first.runtime.settled();
    first.runtime.stop();

    const clock = new ManualClock(first.clock.now() + 10_000);
    const second = await setup(first.tree, clock);
    const report = await second.runtime.restore();
    expect(report).toMatchObject({ apps: 1, nodes: 1, failures: [], reconcile: [] });
    const restored = second.runtime.node('web-0');
    expect(restored.state).toBe('relaunching');
    expect(second.runtime.timers.size).toBe(1);
    clock.advance(19_999);
    expect(restored.state).toBe('relaunching');
    clock.advance(1);
    expect(restored.state).toBe('pending');
    expect(restored.taskId).toBe('web-0.2');
  });

  it('migrates an old node snapshot on load', async () => {
    const first = await setup();
    await first.runtime.createApp('web');
    first.runtime.stop();
    const fixture = readFileSync(join(__dirname, '../../fixtures/snapshots/v1/node-relaunching.json'));
    const writer = await openMemoryStore({ tree: first.tree });
    await writer.commit([putRecord(nodeKey('web', 'web-3'), fixture)]);
    const second = await setup(first.tree);
    const report = await second.runtime.restore();
    expect(report.failures).toEqual([]);
    const node = second.runtime.node('web-3');
    expect(node.state).toBe('relaunching');
    expect(node.snapshot.context.failures).toBe(2);
    expect(second.runtime.app('web').snapshot.context.counts).toEqual({ relaunching: 1 });
  });

  it('reports a corrupt node and still restores the others', async () => {
    const first = await setup();
    await first.runtime.createApp('web');
    for (let i = 0; i < 3; i++) await first.runtime.addNode('web');
    first.runtime.stop();
    const writer: RecordStore = await openMemoryStore({ tree: first.tree });
    await writer.readNodes('web');
    await writer.commit([
      putRecord(nodeKey('web', 'web-1'), Buffer.from('{"machineId":"catapult.node","version":2,"snap')),
      putRecord(nodeKey('web', 'web-2'), Buffer.from(JSON.stringify({ machineId: 'catapult.node', version: 2, snapshot: { status: 'active', value: 'nowhere', context: {}, children: {} } }))),
    ]);
    const second = await setup(first.tree);
    const report = await second.runtime.restore();
    expect(report.nodes).toBe(1);
    expect(report.failures.map((f) => [f.code, f.details.nodeId, (f.cause as { code?: string } | undefined)?.code])).toEqual([
      ['CATAPULT_NODE_RESTORE_FAILED', 'web-1', 'CATAPULT_SNAPSHOT_CORRUPT'],
      ['CATAPULT_NODE_RESTORE_FAILED', 'web-2', undefined],
    ]);
    expect(second.errors).toHaveLength(2);
    expect(second.runtime.node('web-0').state).toBe('pending');
    expect(second.runtime.routeStatus(status('web-1.1', 'TASK_RUNNING'))).toBe(false);
    expect((await writer.readNode('web', 'web-1'))?.data.toString()).toContain('"snap'); // left untouched
  });
});
