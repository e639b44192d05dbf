import { ZkClient } from '../../../src/store';
import { ZooKeeperMasterDetector, type DetectorZkSession } from '../../../src/transport';
import { isCatapultError } from '../../../src/util';
import { useZooKeeper } from '../../helpers/zookeeper';

const SESSION_MS = 1_000;

function masterInfo(ip: string, port: number): Buffer {
  return Buffer.from(
    JSON.stringify({
      address: { hostname: `m-${port}.example.com`, ip, port },
      hostname: `m-${port}.example.com`,
      id: `id-${port}`,
      ip: 16777226,
      pid: `master@${ip}:${port}`,
      port,
      version: '1.12.0',
    }),
  );
}

type Change = { leader: string } | 'none';

/** Records every report and resolves the next one. */
function changes(detector: ZooKeeperMasterDetector): { next(): Promise<Change>; all: Change[] } {
  const all: Change[] = [];
  const queue: Change[] = [];
  let waiter: ((c: Change) => void) | undefined;
  const push = (c: Change) => {
    all.push(c);
    if (waiter) {
      const w = waiter;
      waiter = undefined;
      w(c);
    } else queue.push(c);
  };
  detector.onLeader((url) => push({ leader: url }));
  detector.onNoLeader(() => push('none'));
  return {
    all,
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((resolve) => (waiter = resolve))),
  };
}

describe('ZooKeeperMasterDetector against a real ZooKeeper', () => {
  const zk = useZooKeeper();
  const clients: ZkClient[] = [];
  const detectors: ZooKeeperMasterDetector[] = [];
  let paths = 0;

  const connect = async (options: Partial<Parameters<typeof ZkClient.connect>[1]> = {}) => {
    const client = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: SESSION_MS, ...options });
    clients.push(client);
    return client;
  };
  const detectorFor = (path: string, onSession?: (s: ZkClient) => void) => {
    const detector = new ZooKeeperMasterDetector({
      url: `zk://${zk.connectString}${path}`,
      sessionTimeoutMs: SESSION_MS,
      reconnectDelayMs: 50,
      connect: async (connectString): Promise<DetectorZkSession> => {
        const session = await ZkClient.connect(connectString, { sessionTimeoutMs: SESSION_MS });
        onSession?.(session);
        return session;
      },
    });
    detectors.push(detector);
    return detector;
  };

  /**
   * Kills `victim`'s session from outside, as Curator's KillSession does. The
   * victim's own reconnect can race the killer and keep the session alive, so
   * this repeats until the victim sees the expiry.
   */
  const killSession = async (victim: ZkClient) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const outcome = new Promise<'expired' | 'survived'>((resolve) => {
        const offs = [victim.on('expired', () => done('expired')), victim.on('connected', () => done('survived'))];
        const done = (o: 'expired' | 'survived') => {
          for (const off of offs) off();
          resolve(o);
        };
      });
      try {
        const killer = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: SESSION_MS, session: victim.session });
        await killer.close();
      } catch (err) {
        // An earlier attempt already ended the session; the victim will hear so.
        if (!isCatapultError(err, 'CATAPULT_ZK_SESSION_EXPIRED')) throw err;
      }
      if ((await outcome) === 'expired') return;
    }
    throw new Error('could not expire the session');
  };

  afterEach(async () => {
    await Promise.all(detectors.splice(0).map((d) => d.stop()));
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it('follows the lowest json.info_ znode, ignores other children, and reports noLeader when all are gone', async () => {
    const path = `/mesos-${paths++}`;
    const masters = await connect();
    await masters.mkdirp(`${path}/log_replicas`);
    await masters.create(`${path}/not-a-contender`);
    await masters.create(`${path}/json.info_notanumber`, masterInfo('10.9.9.9', 1));
    const first = await masters.create(`${path}/json.info_`, masterInfo('127.0.0.1', 5050), 'ephemeralSequential');
    const second = await masters.create(`${path}/json.info_`, masterInfo('127.0.0.2', 5051), 'ephemeralSequential');
    expect(first < second).toBe(true);

    const detector = detectorFor(path);
    const seen = changes(detector);
    await detector.start();
    expect(await seen.next()).toEqual({ leader: 'http://127.0.0.1:5050/api/v1/scheduler' });

    await masters.remove(first);
    expect(await seen.next()).toEqual({ leader: 'http://127.0.0.2:5051/api/v1/scheduler' });

    // A newer contender does not take over from the current leader.
    const third = await masters.create(`${path}/json.info_`, masterInfo('127.0.0.3', 5052), 'ephemeralSequential');
    await masters.remove(second);
    expect(await seen.next()).toEqual({ leader: 'http://127.0.0.3:5052/api/v1/scheduler' });

    await masters.remove(third);
    expect(await seen.next()).toBe('none');
    expect(detector.leader).toBeUndefined();
    expect(seen.all).toHaveLength(4);
  });

  it('waits for the masters path to appear', async () => {
    const path = `/mesos-${paths++}`;
    const detector = detectorFor(path);
    const seen = changes(detector);
    await detector.start();
    expect(await seen.next()).toBe('none');
    const masters = await connect();
    await masters.mkdirp(path);
    await masters.create(`${path}/json.info_`, masterInfo('127.0.0.1', 5050), 'ephemeralSequential');
    expect(await seen.next()).toEqual({ leader: 'http://127.0.0.1:5050/api/v1/scheduler' });
  });

  it('a leader whose master session ends hands over to the next contender', async () => {
    const path = `/mesos-${paths++}`;
    const admin = await connect();
    await admin.mkdirp(path);
    const leaderMaster = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: SESSION_MS });
    await leaderMaster.create(`${path}/json.info_`, masterInfo('127.0.0.1', 5050), 'ephemeralSequential');
    await admin.create(`${path}/json.info_`, masterInfo('127.0.0.2', 5051), 'ephemeralSequential');
    const detector = detectorFor(path);
    const seen = changes(detector);
    await detector.start();
    expect(await seen.next()).toEqual({ leader: 'http://127.0.0.1:5050/api/v1/scheduler' });
    await leaderMaster.close();
    expect(await seen.next()).toEqual({ leader: 'http://127.0.0.2:5051/api/v1/scheduler' });
  });

  it("reports noLeader when its own session expires, then reads the leader again on a new session", async () => {
    const path = `/mesos-${paths++}`;
    const masters = await connect();
    await masters.mkdirp(path);
    await masters.create(`${path}/json.info_`, masterInfo('127.0.0.1', 5050), 'ephemeralSequential');
    const sessions: ZkClient[] = [];
    const detector = detectorFor(path, (s) => sessions.push(s));
    const seen = changes(detector);
    await detector.start();
    expect(await seen.next()).toEqual({ leader: 'http://127.0.0.1:5050/api/v1/scheduler' });

    await killSession(sessions[0]!);
    expect(await seen.next()).toBe('none');
    expect(await seen.next()).toEqual({ leader: 'http://127.0.0.1:5050/api/v1/scheduler' });
    expect(sessions).toHaveLength(2);
  });

  it('rejects a malformed zk URL with the expected format in the message', () => {
    expect(() => new ZooKeeperMasterDetector({ url: 'zk://localhost/mesos' })).toThrow(/expected zk:\/\/\[user:password@\]host1:port1/);
  });
});
