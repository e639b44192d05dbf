import { startDashboard, type Dashboard, type InMemoryDashboardSource } from '../../../src/dashboard';
import { ManualClock } from '../../../src/util';
import { demoSource, fetchText } from './dashboard-fixture';

const TOKEN = 's3cret-token';
const auth = { Authorization: `Bearer ${TOKEN}` };

describe('dashboard HTTP endpoints', () => {
  let clock: ManualClock;
  let source: InMemoryDashboardSource;
  let dashboard: Dashboard;

  beforeEach(async () => {
    clock = new ManualClock();
    source = demoSource(clock);
    dashboard = await startDashboard({ source, port: 0, token: TOKEN, clock });
  });
  afterEach(() => dashboard.close());

  it('binds to loopback by default', () => {
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dashboard.port).toBeGreaterThan(0);
  });

  it('answers 401 without the token, and 200 with it as a header or ?token=', async () => {
    const denied = await fetchText(`${dashboard.url}/api/overview`);
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toBe('Bearer realm="catapult"');
    expect(JSON.parse(denied.body).error.code).toBe('UNAUTHORIZED');
    expect((await fetchText(`${dashboard.url}/api/overview`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetchText(`${dashboard.url}/metrics`)).status).toBe(401);
    expect((await fetchText(`${dashboard.url}/api/overview`, { headers: auth })).status).toBe(200);
    expect((await fetchText(`${dashboard.url}/api/overview?token=${TOKEN}`)).status).toBe(200);
  });

  it('serves the page shells and their files without the token (they hold no data)', async () => {
    const index = await fetchText(`${dashboard.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.body).toContain('/assets/dashboard.js');
    expect((await fetchText(`${dashboard.url}/apps/web/nodes/web-0`)).body).toContain('data-page="node"');
    expect((await fetchText(`${dashboard.url}/assets/dashboard.css`)).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('returns the overview: framework, apps, counts and nodes', async () => {
    const overview = JSON.parse((await fetchText(`${dashboard.url}/api/overview`, { headers: auth })).body);
    expect(overview.framework).toEqual({ state: 'leading.subscribed', leader: true, frameworkId: 'fw-1', masterUrl: 'http://127.0.0.1:5050' });
    expect(overview.apps.map((a: { appId: string }) => a.appId)).toEqual(['web', 'batch']);
    const web = overview.apps[0];
    expect(web).toMatchObject({ appId: 'web', name: 'Web frontend', state: 'active', counts: { running: 2, pending: 1 } });
    expect(web.nodes[0]).toEqual({
      nodeId: 'web-0',
      state: 'running',
      incarnation: 1,
      taskId: 'web-0.1',
      agentId: 'a-0',
      hostname: 'agent-1.local',
      pendingReason: null,
    });
  });

  it('returns one app, and one node with its history', async () => {
    const app = JSON.parse((await fetchText(`${dashboard.url}/api/apps/batch`, { headers: auth })).body);
    expect(app.counts).toEqual({ finished: 1, failed: 1 });
    const node = JSON.parse((await fetchText(`${dashboard.url}/api/apps/web/nodes/web-1`, { headers: auth })).body);
    expect(node).toMatchObject({ appId: 'web', nodeId: 'web-1', state: 'running', stateValue: 'running', failures: 0, deadlines: {}, lastStatus: null });
    expect(node.history.map((h: { from: string | null; to: string }) => `${h.from}>${h.to}`)).toEqual(['null>pending', 'pending>launching', 'launching>running']);
    expect(node.history[2].cause).toEqual({ kind: 'mesos', taskId: 'web-1.1', state: 'TASK_RUNNING' });
  });

  it('answers 404 with a code for unknown apps, nodes, machines and paths', async () => {
    const cases: Array<[string, string]> = [
      ['/api/apps/nope', 'UNKNOWN_APP'],
      ['/api/apps/web/nodes/web-9', 'UNKNOWN_NODE'],
      ['/api/machines/scheduler.svg', 'UNKNOWN_MACHINE'],
      ['/api/nothing', 'NOT_FOUND'],
    ];
    for (const [path, code] of cases) {
      const reply = await fetchText(`${dashboard.url}${path}`, { headers: auth });
      expect([path, reply.status, JSON.parse(reply.body).error.code]).toEqual([path, 404, code]);
    }
  });

  it('is read-only', async () => {
    const reply = await fetchText(`${dashboard.url}/api/overview`, { method: 'POST', headers: auth });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('draws a machine with the given state lit, and rejects an unknown state', async () => {
    const svg = await fetchText(`${dashboard.url}/api/machines/node.svg?active=failed`, { headers: auth });
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.body).toMatch(/<g id="state:failed" class="node state active">/);
    expect(svg.body).toContain('fill="#dc2626"');
    const framework = await fetchText(`${dashboard.url}/api/machines/framework.svg?active=leading.subscribed`, { headers: auth });
    expect(framework.body).toMatch(/<g id="state:leading.subscribed" class="node state active">/);
    const bad = await fetchText(`${dashboard.url}/api/machines/node.svg?active=dreaming`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('CATAPULT_VISUALIZE_UNKNOWN_STATE');
  });

  it('reports health with the role, without the token, as leader or standby', async () => {
    const leader = await fetchText(`${dashboard.url}/health`);
    expect(leader.status).toBe(200);
    expect(JSON.parse(leader.body)).toEqual({ status: 'ok', role: 'leader', framework: 'leading.subscribed' });
    source.setFramework({ leader: false, state: 'standby' });
    expect(JSON.parse((await fetchText(`${dashboard.url}/health`)).body)).toEqual({ status: 'ok', role: 'standby', framework: 'standby' });
  });
});
