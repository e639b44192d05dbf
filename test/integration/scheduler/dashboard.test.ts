/**
 * The dashboard of a running framework, served by MesosAppFramework itself:
 * overview, node detail with history, metrics with persistence latency, the
 * live change stream, and `state()` with the structured reason a node is
 * still pending. A standby serves it too, and its /health says standby.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import type { DashboardChange } from '../../../src/dashboard';
import { RuntimeDashboardSource } from '../../../src/scheduler/runtime';
import { useZooKeeper } from '../../helpers/zookeeper';
import { CountingApp, RecordingNode, commandNode, freshRoot, startFramework, until, stopAllFrameworks } from './harness';

jest.setTimeout(30_000);

async function get(base: string, path: string, token?: string): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  return { status: res.status, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

describe('dashboard', () => {
  const zk = useZooKeeper();
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await createTestCluster({ agents: 1 });
  });
  afterEach(stopAllFrameworks);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('shows apps, nodes, history, metrics and live changes on the leader, and the role on a standby', async () => {
    const root = freshRoot('dashboard');
    const token = 'secret';
    const app = new CountingApp('shown', 2);
    const dashboard = { dashboard: { port: 0, token } };
    const leader = startFramework(cluster, zk.connectString, root, { connected: (fw) => fw.register(app).then(() => undefined) }, {}, dashboard);
    await until(leader.framework, () => app.getNodes().filter((n) => n.state === 'running').length === 2, 'two running nodes');
    const url = leader.framework.dashboardUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    expect((await get(url, '/health')).body).toEqual({ status: 'ok', role: 'leader', framework: 'leading.subscribed' });
    expect((await get(url, '/api/overview')).status).toBe(401);
    const overview = (await get(url, '/api/overview', token)).body;
    expect(overview.framework).toMatchObject({ leader: true, state: 'leading.subscribed', frameworkId: leader.framework.appFramework.frameworkId });
    expect(overview.apps).toEqual([expect.objectContaining({ appId: 'shown', name: 'shown', state: 'active', counts: { running: 2 } })]);
    expect(overview.apps[0].nodes.map((n: { taskId: string }) => n.taskId).sort()).toEqual(['shown-0.1', 'shown-1.1']);

    const detail = (await get(url, '/api/apps/shown/nodes/shown-0', token)).body;
    expect(detail).toMatchObject({ appId: 'shown', nodeId: 'shown-0', state: 'running', stateValue: 'running', incarnation: 1 });
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual(expect.arrayContaining(['pending', 'launching', 'running']));
    expect((await get(url, '/api/apps/shown/nodes/nope', token)).status).toBe(404);
    expect((await get(url, '/api/machines/node.svg?active=running', token)).text).toContain('<svg');

    const metrics = (await get(url, '/metrics', token)).text;
    expect(metrics).toContain('catapult_leader 1');
    expect(metrics).toContain('catapult_nodes{state="running"} 2');
    const persisted = Number(/catapult_persist_latency_seconds_count (\d+)/.exec(metrics)?.[1]);
    expect(persisted).toBeGreaterThan(5);
    expect(leader.framework.schedulerRuntime!.metricsSnapshot().persistence.count).toBeGreaterThan(5);

    // Live changes, and the structured reason a node cannot be placed.
    const changes: DashboardChange[] = [];
    const off = new RuntimeDashboardSource(leader.framework.schedulerRuntime!).subscribe((c) => changes.push(c));
    const huge = new RecordingNode(commandNode('sleep 30', { cpus: 64 }));
    await app.driver!.launchNode(huge);
    await until(leader.framework, () => huge.pendingReason !== undefined && huge.pendingReason !== 'waiting for an offer', 'an unplaced reason');
    off();
    expect(changes).toContainEqual(expect.objectContaining({ type: 'node', appId: 'shown', from: null, node: expect.objectContaining({ nodeId: huge.nodeId, state: 'pending' }) }));
    const state = leader.framework.state();
    expect(state.framework).toMatchObject({ role: 'leader', state: 'leading.subscribed', subscribed: true, frameworkId: leader.framework.appFramework.frameworkId, name: 'test' });
    const shown = state.apps.find((a) => a.appId === 'shown')!;
    expect(shown).toMatchObject({ name: 'shown', typeName: 'counting-app', state: 'active', initialized: true });
    const pending = shown.nodes.find((n) => n.nodeId === huge.nodeId)!;
    expect(pending).toMatchObject({ state: 'pending', taskId: null, pendingReason: huge.pendingReason });
    expect(pending.pendingDetail?.offers[0]).toMatchObject({ ruledOutBy: 'cpus', wanted: 64 });
    const running = shown.nodes.find((n) => n.nodeId === 'shown-0')!;
    expect(running).toMatchObject({ state: 'running', incarnation: 1, taskId: 'shown-0.1', pendingReason: null, pendingDetail: null });
    expect(running.agentId).toBe(cluster.agents[0]!.agentId);
    expect(running.history.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);

    const standby = startFramework(cluster, zk.connectString, root, {}, {}, dashboard);
    const standbyUrl = () => standby.framework.dashboardUrl;
    await until(standby.framework, () => standbyUrl() !== undefined, 'the standby dashboard');
    expect((await get(standbyUrl()!, '/health')).body).toEqual({ status: 'ok', role: 'standby', framework: 'standby' });
    expect((await get(standbyUrl()!, '/api/overview', token)).body).toEqual({ framework: { leader: false, state: 'standby', masterUrl: cluster.masterUrl }, apps: [] });
    expect(standby.framework.state()).toMatchObject({ framework: { role: 'standby' }, apps: [] });

    await leader.framework.stop();
    await leader.done;
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    await until(standby.framework, () => standby.framework.leading && standby.framework.state().apps.length === 1, 'the standby leading');
    expect((await get(standbyUrl()!, '/health')).body.role).toBe('leader');
    await standby.framework.stop({ failover: false });
    await standby.done;
  });
});
