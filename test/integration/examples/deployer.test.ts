/**
 * The deployer example against a real ZooKeeper and the local cluster:
 * apps created, scaled and deleted through its HTTP API; bad requests
 * answered with the reason; a standby that takes over serves the same apps;
 * and a leader killed in the middle of a 50-node deploy leaves no node lost
 * and no task launched twice.
 */
import { createTestCluster, type LocalCluster } from '../../../src';
import { zooKeeperTarget } from '../../../src/catapult';
import { startDeployer, type Deployer } from '../../../examples/deployer/deployer';
import { useZooKeeper } from '../../helpers/zookeeper';
import { call, countLaunches, eventually, killableZooKeeper, testLogger } from './scheduler-harness';

jest.setTimeout(90_000);

const SESSION_MS = 4_000;
const COMMAND = 'sleep 600';

interface Member {
  deployer: Deployer;
  url: string;
  crash(): Promise<void>;
}

describe('deployer example', () => {
  const zk = useZooKeeper();
  let cluster: LocalCluster;
  let launches: Map<string, number>;
  const members: Member[] = [];

  beforeAll(async () => {
    cluster = await createTestCluster({ agents: 2 });
    launches = countLaunches(cluster);
  });

  afterEach(async () => {
    await Promise.all(members.splice(0).map((m) => m.deployer.stop().catch(() => undefined)));
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** Starts a deployer whose state is kept under `root`; its crash kills its session and cuts its stream. */
  async function start(root: string, on: LocalCluster = cluster): Promise<Member> {
    const zooKeeperInfo = { address: zk.connectString, rootNode: root, sessionTimeoutMs: SESSION_MS };
    const killable = killableZooKeeper(zk.connectString, SESSION_MS);
    const target = zooKeeperTarget(zooKeeperInfo);
    const deployer = await startDeployer({
      config: { frameworkName: 'deployer', zooKeeperInfo, mesosInfo: { address: on.masterUrl } },
      httpPort: 0,
      logger: testLogger(root),
      frameworkOptions: { runtime: { zooKeeper: { connectString: target.connectString, rootPath: target.rootPath, sessionTimeoutMs: SESSION_MS, connect: killable.connect } } },
    });
    const member: Member = {
      deployer,
      url: deployer.http.url,
      async crash() {
        const frameworkId = deployer.framework.appFramework.frameworkId;
        await deployer.http.close();
        await killable.killSession();
        if (frameworkId) on.faults.cutStream(frameworkId);
      },
    };
    members.push(member);
    return member;
  }

  const serving = (m: Member) => eventually(`${m.url} to lead`, () => (m.deployer.serving() ? true : undefined));

  /** The app once `count` nodes run. */
  const running = (m: Member, appId: string, count: number, timeoutMs?: number) =>
    eventually(
      `${count} running nodes of ${appId}`,
      async () => {
        const { status, body } = await call(m.url, 'GET', `/apps/${appId}`);
        if (status === 200 && body.nodes.length === count && body.nodes.every((n: { state: string }) => n.state === 'running')) return body;
        const master = cluster.leader()?.state;
        const offers = master ? [...master.offers.values()].length : -1;
        const suppressed = master ? [...master.frameworks.values()].map((f) => [...f.suppressedRoles].join('+')).join(',') : '';
        throw new Error(`GET /apps/${appId}: ${status} ${JSON.stringify(status === 200 ? body.counts : body)} ${JSON.stringify(body?.nodes?.[0]?.pendingReason ?? '')} offers=${offers} suppressed=${suppressed}`);
      },
      timeoutMs,
    );

  it('creates, scales up and down, and deletes apps; answers bad requests with what was wrong', async () => {
    const a = await start('/deployer-api');
    await serving(a);

    const created = await call(a.url, 'POST', '/apps', { name: 'web', nodes: 2, command: COMMAND });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/apps/web');
    expect(created.body).toMatchObject({ id: 'web', name: 'web', desiredNodes: 2 });
    await running(a, 'web', 2);

    const badNodes = await call(a.url, 'POST', '/apps', { name: 'api', nodes: 0, command: COMMAND });
    expect(badNodes.status).toBe(400);
    expect(badNodes.body.error).toEqual({ code: 'INVALID_FIELD', message: expect.stringContaining('"nodes" is 0; it must be a positive integer') });
    expect((await call(a.url, 'POST', '/apps', { name: 'api', nodes: 1, command: COMMAND, replicas: 3 })).body.error.code).toBe('UNKNOWN_FIELD');
    expect((await call(a.url, 'POST', '/apps', { nodes: 1, command: COMMAND })).body.error).toMatchObject({ code: 'MISSING_FIELD', message: expect.stringContaining('"name" is missing') });
    expect((await call(a.url, 'POST', '/apps', '{not json')).body.error.code).toBe('BODY_NOT_JSON');
    expect((await call(a.url, 'POST', '/apps', { name: 'web', nodes: 1, command: COMMAND })).status).toBe(409);
    expect((await call(a.url, 'GET', '/apps/nope')).body.error.code).toBe('APP_NOT_FOUND');
    expect((await call(a.url, 'PUT', '/apps/web')).status).toBe(405);

    expect((await call(a.url, 'POST', '/apps/web/scale', { nodes: 4 })).status).toBe(200);
    const four = await running(a, 'web', 4);
    const scaledDown = await call(a.url, 'POST', '/apps/web/scale', { nodes: 1 });
    expect(scaledDown.status).toBe(200);
    expect(scaledDown.body.nodes.map((n: { id: string }) => n.id)).toEqual([four.nodes[0].id]);
    // The surplus nodes are killed and stay gone: removed once killed, never relaunched.
    const app = a.deployer.framework.appFramework.getApp('web')!;
    const notRemoved = () => app.getNodes().filter((n) => n.state !== 'removed');
    await eventually('the surplus nodes to be removed', () => {
      if (notRemoved().length === 1) return true;
      throw new Error(app.getNodes().map((n) => `${n.nodeId}: ${n.state}`).join(', '));
    });
    expect([...launches.keys()].filter((t) => t.startsWith('web-')).sort()).toEqual(['web-0.1', 'web-1.1', 'web-2.1', 'web-3.1']);

    expect((await call(a.url, 'DELETE', '/apps/web')).body).toEqual({ id: 'web', deleted: true });
    expect((await call(a.url, 'GET', '/apps/web')).status).toBe(404);
    expect((await call(a.url, 'GET', '/apps')).body).toEqual({ apps: [] });
    await eventually('every node of web to be removed', () => (notRemoved().length === 0 ? true : undefined));
  });

  it('a standby answers 503 until it leads, then serves the same apps without relaunching them', async () => {
    const a = await start('/deployer-failover');
    await serving(a);
    const b = await start('/deployer-failover');
    const early = await call(b.url, 'GET', '/apps');
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('2');
    expect(early.body.error.code).toBe('NOT_LEADER');
    expect((await call(b.url, 'GET', '/health')).body).toEqual({ status: 'ok', role: 'standby' });

    expect((await call(a.url, 'POST', '/apps', { name: 'api', nodes: 3, command: COMMAND })).status).toBe(201);
    const before = await running(a, 'api', 3);

    await a.crash();
    await serving(b);
    const after = await running(b, 'api', 3);
    expect(after.nodes.map((n: { id: string; taskId: string }) => [n.id, n.taskId])).toEqual(before.nodes.map((n: { id: string; taskId: string }) => [n.id, n.taskId]));
    expect((await call(b.url, 'POST', '/apps/api/scale', { nodes: 4 })).status).toBe(200);
    await running(b, 'api', 4);
  });

  it('a leader killed in the middle of a 50-node deploy: the standby finishes it, no node lost, no task launched twice', async () => {
    // Only one agent of 2 cpus offers at first, so the deploy stops half way:
    // 20 nodes launched, 30 persisted and waiting for an offer.
    const small = await createTestCluster({ agents: 3, resources: 'cpus:2;mem:4096;disk:10000;ports:[31000-32000]' });
    try {
      const counted = countLaunches(small);
      for (const agent of small.agents.slice(1)) small.faults.partitionAgent(agent.agentId);
      const a = await start('/deployer-big', small);
      await serving(a);
      const b = await start('/deployer-big', small);

      const deploy = call(a.url, 'POST', '/apps', { name: 'big', nodes: 50, command: COMMAND });
      const half = await eventually('20 running and 30 pending nodes', async () => {
        const { body } = await call(a.url, 'GET', '/apps/big');
        return body?.counts?.running === 20 && body.counts.pending === 30 ? body : undefined;
      });
      expect((await deploy).status).toBe(201);
      await a.crash();
      for (const agent of small.agents.slice(1)) small.faults.healAgent(agent.agentId);

      await serving(b);
      const app = await running(b, 'big', 50);
      expect(new Set(app.nodes.map((n: { id: string }) => n.id)).size).toBe(50);
      // The 20 tasks running before the crash still run: not relaunched, not launched again.
      const before = half.nodes.filter((n: { state: string }) => n.state === 'running').map((n: { taskId: string }) => n.taskId);
      expect(before).toHaveLength(20);
      for (const taskId of before) expect(app.nodes.map((n: { taskId: string }) => n.taskId)).toContain(taskId);
      expect([...counted.values()].filter((n) => n > 1)).toEqual([]);
      expect(counted.size).toBe(50);
      for (const node of app.nodes as Array<{ taskId: string }>) expect(counted.get(node.taskId)).toBe(1);
    } finally {
      await Promise.all(members.splice(0).map((m) => m.deployer.stop().catch(() => undefined)));
      await small.stop();
    }
  });
});
