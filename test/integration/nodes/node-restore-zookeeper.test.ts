import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvelope } from '../../../machines';
import { NodeRuntime } from '../../../src/nodes';
import { StoreLayout, ZkClient, bumpEpoch, nodeKey, openZookeeperStore, putRecord } from '../../../src/store';
import { ManualClock } from '../../../src/util';
import { useZooKeeper } from '../../helpers/zookeeper';
import { mixedStateOf, populateMixedApp, restoreAndCompare } from '../../unit/nodes/nodes-scenarios';
import { flushPromises, GatedStore, RecordingExecutor } from '../../unit/nodes/nodes-test-kit';

jest.setTimeout(60_000);

describe('persisted node actors on a real ZooKeeper', () => {
  const zk = useZooKeeper();
  let client: ZkClient;
  let roots = 0;

  beforeAll(async () => {
    client = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: 4_000 });
  });
  afterAll(async () => {
    await client?.close();
  });

  /** Opens the store as a newly elected leader would (bumping the epoch). */
  async function leaderStore(rootPath: string) {
    return openZookeeperStore({ client, rootPath, epoch: await bumpEpoch(client, new StoreLayout(rootPath)) });
  }

  it('restores 1,000 nodes in mixed states; re-persisting gives identical bytes', async () => {
    const rootPath = `/nodes-${roots++}`;
    const count = 1_000;
    const first = await populateMixedApp(await leaderStore(rootPath), count);
    first.runtime.stop();
    const result = await restoreAndCompare(await leaderStore(rootPath), count, first.clock);
    expect(result.storedCount).toBe(count);
    expect(result.report).toMatchObject({ apps: 1, nodes: count, failures: [] });
    expect(result.wrongStates).toEqual([]);
    expect(result.mismatches).toEqual([]);
    expect(result.report.reconcile).toHaveLength(Array.from({ length: count }, (_, i) => mixedStateOf(i)).filter((s) => ['launching', 'staging', 'running', 'unreachable', 'killing'].includes(s)).length);
    result.runtime.stop();
  });

  it('acknowledges a status only after its transition is in ZooKeeper', async () => {
    const rootPath = `/nodes-${roots++}`;
    const gated = new GatedStore(await leaderStore(rootPath));
    const executor = new RecordingExecutor();
    const runtime = new NodeRuntime({ store: gated, executor, clock: new ManualClock() });
    await runtime.createApp('web');
    const node = await runtime.addNode('web');
    node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: 'o1' });
    await runtime.settled();
    await flushPromises();
    gated.hold = true;
    runtime.routeStatus({ taskId: 'web-0.1', state: 'TASK_RUNNING', agentId: 'agent-1', uuid: 'dXVpZA==' });
    await flushPromises();
    expect(executor.of('acknowledge')).toEqual([]);
    // Decode the znode: the compact format stores state names as numbers, so a text search proves nothing.
    const persistedState = async () => (loadEnvelope((await client.getData(`${rootPath}/apps/web/nodes/web-0`)).data.toString()).snapshot as { value: unknown }).value;
    expect(await persistedState()).toBe('launching');
    gated.release();
    await runtime.settled();
    await flushPromises();
    expect(await persistedState()).toBe('running');
    expect(executor.of('acknowledge')).toEqual([expect.objectContaining({ uuid: 'dXVpZA==' })]);
    runtime.stop();
  });

  it('migrates an old snapshot and isolates a corrupt znode on restore', async () => {
    const rootPath = `/nodes-${roots++}`;
    const first = await populateMixedApp(await leaderStore(rootPath), 3);
    first.runtime.stop();
    const writer = await leaderStore(rootPath);
    await writer.readNodes('web');
    await writer.commit([
      putRecord(nodeKey('web', 'web-1'), Buffer.from('not json at all')),
      putRecord(nodeKey('web', 'web-3'), readFileSync(join(__dirname, '../../fixtures/snapshots/v1/node-relaunching.json'))),
    ]);
    const runtime = new NodeRuntime({ store: await leaderStore(rootPath), executor: new RecordingExecutor(), clock: new ManualClock() });
    const report = await runtime.restore();
    expect(report.nodes).toBe(3);
    expect(report.failures.map((f) => [f.code, f.details.nodeId])).toEqual([['CATAPULT_NODE_RESTORE_FAILED', 'web-1']]);
    expect(runtime.node('web-3').snapshot.context.failures).toBe(2);
    expect(runtime.node('web-2').state).toBe(mixedStateOf(2));
    runtime.stop();
  });
});
