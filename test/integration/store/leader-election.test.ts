import { LeaderElection, StoreLayout, ZkClient, openZookeeperStore, putRecord, frameworkKey, type LeadershipTerm } from '../../../src/store';
import { useZooKeeper } from '../../helpers/zookeeper';

const SESSION_MS = 1_000;

/** Resolves with the next emission of `event`. */
function next<E extends 'elected' | 'standby' | 'suspended' | 'resumed' | 'deposed'>(election: LeaderElection, event: E): Promise<unknown> {
  return new Promise((resolve) => {
    const off = election.on(event, ((arg: unknown) => {
      off();
      resolve(arg);
    }) as never);
  });
}

describe('LeaderElection against a real ZooKeeper', () => {
  const zk = useZooKeeper();
  const elections: LeaderElection[] = [];
  const clients: ZkClient[] = [];
  let roots = 0;

  const connect = async (options: Partial<Parameters<typeof ZkClient.connect>[1]> = {}) => {
    const client = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: SESSION_MS, ...options });
    clients.push(client);
    return client;
  };
  const contender = (rootPath: string, name: string) => {
    const election = new LeaderElection({
      rootPath,
      memberData: Buffer.from(name),
      rejoinDelayMs: 50,
      connect: () => ZkClient.connect(zk.connectString, { sessionTimeoutMs: SESSION_MS }),
    });
    elections.push(election);
    return election;
  };
  afterEach(async () => {
    await Promise.all(elections.splice(0).map((e) => e.stop()));
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it('elects exactly one of two members, and promotes the other when the leader leaves', async () => {
    const root = `/election-${roots++}`;
    const a = contender(root, 'a');
    const b = contender(root, 'b');
    const aElected = next(a, 'elected') as Promise<LeadershipTerm>;
    a.start();
    const first = await aElected;
    const bStandby = next(b, 'standby');
    b.start();
    await bStandby;
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    expect((await first.client.getData(new StoreLayout(root).epochPath)).data.toString()).toBe('a');

    const bElected = next(b, 'elected') as Promise<LeadershipTerm>;
    const aDeposed = next(a, 'deposed');
    await a.stop();
    await expect(aDeposed).resolves.toBe('stopped');
    const second = await bElected;
    expect(second.epoch).toBe(first.epoch + 1);
    expect(b.isLeader).toBe(true);
  });

  it('steps down on session expiry, rejoins with a new session, and its stale epoch is fenced', async () => {
    const root = `/election-${roots++}`;
    const a = contender(root, 'a');
    const b = contender(root, 'b');
    const aElected = next(a, 'elected') as Promise<LeadershipTerm>;
    a.start();
    const oldTerm = await aElected;
    const bStandby = next(b, 'standby');
    b.start();
    await bStandby;

    // A zombie's writer: a second, healthy session still holding the old epoch.
    const zombieStore = await openZookeeperStore({ client: await connect(), rootPath: root, epoch: oldTerm.epoch });

    const aDeposed = next(a, 'deposed');
    const aRejoined = next(a, 'standby');
    const bElected = next(b, 'elected') as Promise<LeadershipTerm>;
    // Kill a's session from outside, as Curator's KillSession does.
    const killer = await connect({ session: oldTerm.client.session });
    await killer.close();
    await expect(aDeposed).resolves.toEqual(expect.any(String));
    const newTerm = await bElected;
    expect(newTerm.epoch).toBeGreaterThan(oldTerm.epoch);
    await aRejoined;
    expect(a.term).toBeUndefined();
    expect(oldTerm.client.state).not.toBe('connected');

    await expect(zombieStore.commit([putRecord(frameworkKey(), Buffer.from('zombie'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_FENCED' });
    const store = await openZookeeperStore({ client: newTerm.client, rootPath: root, epoch: newTerm.epoch });
    await store.commit([putRecord(frameworkKey(), Buffer.from('leader'))]);
  });

  it('suspends and recycles the session when a frozen server stops answering', async () => {
    const root = `/election-${roots++}`;
    const a = contender(root, 'a');
    const elected = next(a, 'elected') as Promise<LeadershipTerm>;
    a.start();
    const firstTerm = await elected;
    const suspended = next(a, 'suspended');
    const deposed = next(a, 'deposed');
    zk.server.freeze();
    try {
      await suspended;
      await expect(deposed).resolves.toMatch(/did not answer a probe/);
    } finally {
      zk.server.thaw();
    }
    const again = (await next(a, 'elected')) as LeadershipTerm;
    expect(again.epoch).toBeGreaterThan(firstTerm.epoch);
    expect(again.client).not.toBe(firstTerm.client);
  });
});
