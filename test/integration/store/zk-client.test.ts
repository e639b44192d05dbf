import { ZkClient, type ZnodeEvent } from '../../../src/store';
import { useZooKeeper } from '../../helpers/zookeeper';
import { freezeServer } from './freeze-server';

// The project-level testTimeout does not reach these tests; sessions and a busy machine need more than 5 s.
jest.setTimeout(30_000);

const SESSION_MS = 2_000;

describe('ZkClient against a real ZooKeeper', () => {
  const zk = useZooKeeper();
  const clients: ZkClient[] = [];
  const connect = async (options: Partial<Parameters<typeof ZkClient.connect>[1]> = {}) => {
    const client = await ZkClient.connect(zk.connectString, { sessionTimeoutMs: SESSION_MS, ...options });
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it('negotiates a session and reports it', async () => {
    const client = await connect();
    expect(client.state).toBe('connected');
    expect(client.sessionTimeoutMs).toBe(SESSION_MS);
    expect(client.sessionIdHex).toMatch(/^[0-9a-f]{16}$/);
  });

  it('creates, reads, updates and removes znodes', async () => {
    const client = await connect();
    await client.mkdirp('/crud/a/b');
    expect(await client.create('/crud/a/b/x', Buffer.from('one'))).toBe('/crud/a/b/x');
    const read = await client.getData('/crud/a/b/x');
    expect(read.data.toString()).toBe('one');
    expect(read.stat.version).toBe(0);
    const stat = await client.setData('/crud/a/b/x', Buffer.from('two'), 0);
    expect(stat.version).toBe(1);
    expect((await client.getData('/crud/a/b/x')).data.toString()).toBe('two');
    expect(await client.getChildren('/crud/a/b')).toEqual(['x']);
    await client.remove('/crud/a/b/x', 1);
    expect(await client.exists('/crud/a/b/x')).toBeNull();
    const seq = await client.create('/crud/a/b/s-', undefined, 'persistentSequential');
    expect(seq).toMatch(/^\/crud\/a\/b\/s-\d{10}$/);
  });

  it('fails with typed errors carrying stable codes', async () => {
    const client = await connect();
    await client.mkdirp('/typed/parent/child');
    await expect(client.getData('/typed/missing')).rejects.toMatchObject({ code: 'CATAPULT_ZK_NO_NODE', path: '/typed/missing' });
    await expect(client.create('/typed/parent')).rejects.toMatchObject({ code: 'CATAPULT_ZK_NODE_EXISTS' });
    await expect(client.setData('/typed/parent', Buffer.from('x'), 7)).rejects.toMatchObject({ code: 'CATAPULT_ZK_BAD_VERSION' });
    await expect(client.remove('/typed/parent')).rejects.toMatchObject({ code: 'CATAPULT_ZK_NOT_EMPTY' });
    await expect(client.getData('no-leading-slash')).rejects.toMatchObject({ code: 'CATAPULT_ZK_ERROR' });
  });

  it('runs a multi atomically, with exact versions and the failing op index', async () => {
    const client = await connect();
    await client.mkdirp('/multi');
    await client.create('/multi/a', Buffer.from('a0'));
    const results = await client.transaction().check('/multi/a', 0).setData('/multi/a', Buffer.from('a1'), 0).create('/multi/b', Buffer.from('b0')).commit();
    expect(results.map((r) => r.type)).toEqual(['check', 'setData', 'create']);
    expect(results[1]).toMatchObject({ type: 'setData', stat: { version: 1 } });
    // Version 0 is stale now: the library's own builder would have sent -1 and succeeded.
    const stale = client.multi([
      { type: 'create', path: '/multi/c' },
      { type: 'setData', path: '/multi/b', data: Buffer.from('b1'), version: 0 },
      { type: 'setData', path: '/multi/a', data: Buffer.from('a2'), version: 0 },
    ]);
    await expect(stale).rejects.toMatchObject({ code: 'CATAPULT_ZK_BAD_VERSION', opIndex: 2, path: '/multi/a' });
    expect(await client.exists('/multi/c')).toBeNull();
    expect((await client.getData('/multi/b')).stat.version).toBe(0);
  });

  it('delivers one-shot watches', async () => {
    const client = await connect();
    await client.mkdirp('/watch');
    const other = await connect();
    // Each watch is in place once its request is answered; only then does the other session change the tree.
    let onCreated: (e: ZnodeEvent) => void = () => undefined;
    const created = new Promise<ZnodeEvent>((resolve) => (onCreated = resolve));
    expect(await client.exists('/watch/n', onCreated)).toBeNull();
    await other.create('/watch/n');
    await expect(created).resolves.toEqual({ type: 'created', path: '/watch/n' });
    let onChildren: (e: ZnodeEvent) => void = () => undefined;
    const children = new Promise<ZnodeEvent>((resolve) => (onChildren = resolve));
    await client.getChildren('/watch', onChildren);
    await other.create('/watch/m');
    await expect(children).resolves.toEqual({ type: 'childrenChanged', path: '/watch' });
  });

  it('removes a deep tree recursively', async () => {
    const client = await connect();
    const deep = '/rr' + Array.from({ length: 40 }, (_, i) => `/d${i}`).join('');
    await client.mkdirp(deep);
    await Promise.all(Array.from({ length: 30 }, (_, i) => client.create(`/rr/d0/wide-${i}`)));
    await client.create('/rr/d0/wide-0/leaf');
    await client.removeRecursive('/rr');
    expect(await client.exists('/rr')).toBeNull();
    await expect(client.removeRecursive('/rr')).resolves.toBeUndefined();
  });

  it('restricts znodes to digest credentials when auth is configured', async () => {
    const owner = await connect({ auth: { scheme: 'digest', user: 'catapult', password: 's3cret' } });
    await owner.create('/secured', Buffer.from('private'));
    expect((await owner.getData('/secured')).data.toString()).toBe('private');
    const anonymous = await connect();
    await expect(anonymous.getData('/secured')).rejects.toMatchObject({ code: 'CATAPULT_ZK_NO_AUTH' });
    const wrong = await connect({ auth: { scheme: 'digest', user: 'catapult', password: 'guess' } });
    await expect(wrong.setData('/secured', Buffer.from('x'))).rejects.toMatchObject({ code: 'CATAPULT_ZK_NO_AUTH' });
    await owner.remove('/secured');
  });

  it('fails requests after close with CATAPULT_ZK_CLIENT_CLOSED', async () => {
    const client = await connect();
    await client.close();
    expect(client.state).toBe('closed');
    await expect(client.exists('/')).rejects.toMatchObject({ code: 'CATAPULT_ZK_CLIENT_CLOSED' });
  });

  it('times a request out while the server is frozen', async () => {
    const client = await connect({ requestTimeoutMs: 300 });
    await freezeServer(zk.server);
    try {
      const startedMs = Date.now();
      await expect(client.exists('/')).rejects.toMatchObject({ code: 'CATAPULT_ZK_REQUEST_TIMEOUT', outcomeUnknown: true });
      expect(Date.now() - startedMs).toBeLessThan(2_000);
      // The library itself still believes it is connected: only our timeout noticed.
      expect(client.state).toBe('connected');
    } finally {
      zk.server.thaw();
    }
    await client.close();
  });
});
