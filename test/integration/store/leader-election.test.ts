import { LeaderElection, StoreLayout, ZkClient, openZookeeperStore, putRecord, frameworkKey, type LeadershipTerm } from '../../../src/store';
import { useZooKeeper } from '../../helpers/zookeeper';
import { freezeServer } from './freeze-server';

// The project-level testTimeout does not reach these tests; sessions and a busy machine need more than 5 s.
jest.setTimeout(30_000);

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

/**
 * Kills a leader's session from outside, as Curator's KillSession does: attach
 * a second connection to the session, then close it. The victim's client
 * reconnects at once and may take the session back before the close is sent;
 * it then resumes, and the kill is tried again.
 */
async function killSession(victim: ZkClient, election: LeaderElection, deposed: Promise<unknown>): Promise<void> {
  const session = victim.session;
  let isDeposed = false;
  void deposed.then(() => (isDeposed = true));
  while (!isDeposed) {
    const resumed = next(election, 'resumed');
    const killer = await ZkClient.connect(zkConnectString, { sessionTimeoutMs: SESSION_MS, session }).catch(() => undefined);
    await killer?.close();
    await Promise.race([deposed, resumed]);
  }
}

let zkConnectString = '';

describe('LeaderElection against a real ZooKeeper', () => {
  const zk = useZooKeeper();
  const elections: LeaderElection[] = [];
  const clients: ZkClient[] = [];
  let roots = 0;

  beforeAll(() => {
    zkConnectString = zk.connectString;
  });
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
    await killSession(oldTerm.client, a, aDeposed);
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
    await freezeServer(zk.server);
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
