import { createActor } from 'xstate';
import { nodeMachine } from '../../../machines';
import { DashboardOptionsError, DashboardUnknownNodeError, InMemoryDashboardSource, nodeDetailOf, startDashboard, type DashboardChange } from '../../../src/dashboard';
import { isCatapultError, ManualClock } from '../../../src/util';

describe('InMemoryDashboardSource', () => {
  it('journals transitions, counts them and tells subscribers', () => {
    const clock = new ManualClock(1_000);
    const source = new InMemoryDashboardSource({ clock });
    const changes: DashboardChange[] = [];
    const unsubscribe = source.subscribe((c) => changes.push(c));
    source.addApp('web');
    source.addNode('web', 'web-0');
    clock.advance(500);
    const node = source.transition('web', 'web-0', 'launching', { hostname: 'h1', cause: { kind: 'offer', offerId: 'o1' } });
    expect(node.history).toEqual([
      { at: 1_000, from: null, to: 'pending', cause: { kind: 'created' } },
      { at: 1_500, from: 'pending', to: 'launching', cause: { kind: 'offer', offerId: 'o1' } },
    ]);
    expect(node.pendingReason).toBeNull();
    expect(changes.map((c) => c.type)).toEqual(['app', 'node', 'node']);
    expect(source.metrics().transitionsTotal).toBe(1);
    unsubscribe();
    source.removeNode('web', 'web-0');
    expect(changes).toHaveLength(3);
    expect(source.app('web')?.nodes).toEqual([]);
  });

  it('names the unknown node it was asked to move', () => {
    const source = new InMemoryDashboardSource();
    source.addApp('web');
    let error: unknown;
    try {
      source.transition('web', 'web-7', 'running');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DashboardUnknownNodeError);
    expect(isCatapultError(error, 'CATAPULT_DASHBOARD_UNKNOWN_NODE')).toBe(true);
  });
});

describe('nodeDetailOf', () => {
  it("builds the node page's view from a node actor's snapshot", () => {
    const actor = createActor(nodeMachine, { input: { appId: 'web', nodeId: 'web-0', at: 1_000 } }).start();
    actor.send({ type: 'offer.matched', agentId: 'a1', hostname: 'h1', offerId: 'o1', at: 2_000 });
    actor.send({ type: 'task.status', taskId: 'web-0.1', state: 'TASK_RUNNING', at: 3_000 });
    const detail = nodeDetailOf(actor.getSnapshot());
    expect(detail).toMatchObject({ appId: 'web', nodeId: 'web-0', state: 'running', stateValue: 'running', taskId: 'web-0.1', agentId: 'a1', hostname: 'h1' });
    expect(detail.history.map((h) => h.to)).toEqual(['pending', 'launching', 'running']);
    expect(detail.lastStatus).toEqual({ state: 'TASK_RUNNING', at: 3_000 });
    actor.stop();
  });
});

describe('startDashboard options', () => {
  it.each([
    [{ port: -1 }, 'port'],
    [{ port: 1.5 }, 'port'],
    [{ port: 0, token: '' }, 'token'],
  ])('rejects %j', async (options, option) => {
    await expect(startDashboard({ source: new InMemoryDashboardSource(), ...options })).rejects.toMatchObject({ code: 'CATAPULT_DASHBOARD_BAD_OPTION', details: { option } });
    await expect(startDashboard({ source: new InMemoryDashboardSource(), ...options })).rejects.toBeInstanceOf(DashboardOptionsError);
  });

  it('explains a port that is taken', async () => {
    const first = await startDashboard({ source: new InMemoryDashboardSource(), port: 0 });
    await expect(startDashboard({ source: new InMemoryDashboardSource(), port: first.port })).rejects.toMatchObject({ code: 'CATAPULT_DASHBOARD_LISTEN_FAILED' });
    await first.close();
  });
});
