import { StoreLayout, ZkClient, bumpEpoch, currentEpoch, openZookeeperStore } from '../../../src/store';
import { useZooKeeper } from '../../helpers/zookeeper';

// The project-level testTimeout does not reach these tests; a busy machine needs more than 5 s.
jest.setTimeout(30_000);
import { describeStateStoreContract } from '../../unit/store/state-store-contract';

describe('ZooKeeper store', () => {
  const zk = useZooKeeper();
  let client: ZkClient;
  let roots = 0;

  beforeAll(async () => {
    client = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: 4_000 });
  });
  afterAll(async () => {
    await client?.close();
  });

  describeStateStoreContract('ZooKeeper store', async () => {
    const rootPath = `/contract-${roots++}`;
    const layout = new StoreLayout(rootPath);
    return {
      backend: client,
      rootPath,
      openStore: async (epoch?: number) =>
        openZookeeperStore({ client, rootPath, epoch: epoch ?? (await bumpEpoch(client, layout)) }),
    };
  });

  it('fences writes of a store opened on another session once the epoch moves', async () => {
    const rootPath = '/fenced-sessions';
    const layout = new StoreLayout(rootPath);
    const other = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: 4_000 });
    try {
      const epoch = await bumpEpoch(client, layout);
      const store = await openZookeeperStore({ client: other, rootPath, epoch });
      await bumpEpoch(client, layout);
      await expect(store.commit([{ type: 'put', key: { kind: 'framework' }, data: Buffer.from('x') }])).rejects.toMatchObject({
        code: 'CATAPULT_STORE_FENCED',
      });
      expect(await currentEpoch(client, layout)).toBe(epoch + 1);
      expect(await client.exists(layout.frameworkPath)).toBeNull();
    } finally {
      await other.close();
    }
  });
});
