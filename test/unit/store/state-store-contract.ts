/**
 * The behaviour every StateStore must have, run against the memory store
 * (unit) and against a real ZooKeeper (integration).
 */
import {
  StoreLayout,
  appKey,
  deleteRecord,
  frameworkKey,
  nodeKey,
  putRecord,
  type RecordStore,
  type ZnodeBackend,
} from '../../../src/store';

export interface ContractFixture {
  /** Raw access to the tree, to plant odd znodes and to play a new leader. */
  readonly backend: ZnodeBackend;
  /** A fresh root per test. */
  readonly rootPath: string;
  /** Opens a store at `epoch` (default: bump, as a new leader). */
  openStore(epoch?: number): Promise<RecordStore>;
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

export function describeStateStoreContract(name: string, fixture: () => Promise<ContractFixture>): void {
  describe(`${name}: StateStore contract`, () => {
    it('round-trips framework, app and node records with their versions', async () => {
      const f = await fixture();
      const store = await f.openStore();
      expect(await store.readFramework()).toBeUndefined();
      await store.commit([putRecord(frameworkKey(), bytes('fw')), putRecord(appKey('web'), bytes('app')), putRecord(nodeKey('web', 'web-0'), bytes('n0'))]);
      expect(await store.listApps()).toEqual(['web']);
      expect(await store.listNodes('web')).toEqual(['web-0']);
      expect(await store.readNode('web', 'web-0')).toEqual({ data: bytes('n0'), version: 0 });
      await store.commit([putRecord(nodeKey('web', 'web-0'), bytes('n0 again'))]);
      await store.commit([putRecord(nodeKey('web', 'web-0'), bytes('n0 third'))]);
      expect(store.trackedVersion(nodeKey('web', 'web-0'))).toBe(2);
      const reopened = await f.openStore(store.epoch);
      expect((await reopened.readFramework())?.data.toString()).toBe('fw');
      expect((await reopened.readApp('web'))?.data.toString()).toBe('app');
      expect(await reopened.readNode('web', 'web-0')).toEqual({ data: bytes('n0 third'), version: 2 });
      expect(await reopened.listNodes('absent-app')).toEqual([]);
    });

    it('rejects a stale write with VERSION_CONFLICT, and accepts it after a re-read', async () => {
      const f = await fixture();
      const mine = await f.openStore();
      const other = await f.openStore(mine.epoch);
      await mine.commit([putRecord(appKey('a'), bytes('v0'))]);
      expect((await other.readApp('a'))?.version).toBe(0);
      await other.commit([putRecord(appKey('a'), bytes('theirs'))]);
      await expect(mine.commit([putRecord(appKey('a'), bytes('mine'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_VERSION_CONFLICT' });
      expect(mine.trackedVersion(appKey('a'))).toBeUndefined();
      expect((await mine.readApp('a'))?.data.toString()).toBe('theirs');
      await mine.commit([putRecord(appKey('a'), bytes('mine'))]);
      expect((await other.readApp('a'))).toEqual({ data: bytes('mine'), version: 2 });
      // A record the store never saw must not exist yet.
      const blind = await f.openStore(mine.epoch);
      await expect(blind.commit([putRecord(appKey('a'), bytes('blind'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_VERSION_CONFLICT' });
      // An explicit expected version overrides tracking.
      await blind.commit([putRecord(appKey('a'), bytes('explicit'), 2)]);
    });

    it('fails a conflicting commit alone when it shares a batch with others', async () => {
      const f = await fixture();
      const store = await f.openStore();
      await store.commit([putRecord(appKey('a'), bytes('app'))]);
      await store.commit([putRecord(nodeKey('a', 'taken'), bytes('x'))]);
      const other = await f.openStore(store.epoch);
      await other.readNode('a', 'taken');
      await other.commit([putRecord(nodeKey('a', 'taken'), bytes('y'))]);
      const results = await Promise.allSettled([
        store.commit([putRecord(nodeKey('a', 'n1'), bytes('1'))]),
        store.commit([putRecord(nodeKey('a', 'taken'), bytes('stale'))]),
        store.commit([putRecord(nodeKey('a', 'n2'), bytes('2'))]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'CATAPULT_STORE_VERSION_CONFLICT' });
      expect(await store.listNodes('a')).toEqual(['n1', 'n2', 'taken']);
    });

    it('applies several writes to one record in order, in one commit and across commits', async () => {
      const f = await fixture();
      const store = await f.openStore();
      await store.commit([putRecord(appKey('a'), bytes('0')), putRecord(appKey('a'), bytes('1'))]);
      await Promise.all([store.commit([putRecord(appKey('a'), bytes('2'))]), store.commit([putRecord(appKey('a'), bytes('3'))])]);
      expect(await (await f.openStore(store.epoch)).readApp('a')).toEqual({ data: bytes('3'), version: 3 });
    });

    it('keeps apps and their nodes consistent', async () => {
      const f = await fixture();
      const store = await f.openStore();
      await expect(store.commit([putRecord(nodeKey('ghost', 'n'), bytes('x'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_APP_NOT_FOUND' });
      await store.commit([putRecord(appKey('a'), bytes('app')), putRecord(nodeKey('a', 'n'), bytes('x'))]);
      await expect(store.commit([deleteRecord(appKey('a'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_APP_NOT_EMPTY' });
      await store.readApp('a');
      await store.readNode('a', 'n');
      await store.commit([deleteRecord(nodeKey('a', 'n')), deleteRecord(appKey('a'))]);
      expect(await store.listApps()).toEqual([]);
      expect(store.trackedVersion(appKey('a'))).toBe('absent');
      await expect(store.commit([putRecord(nodeKey('a/b', 'n'), bytes('x'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_INVALID_ID' });
    });

    it('fences a deposed leader: its commits fail with FENCED once a new epoch exists', async () => {
      const f = await fixture();
      const old = await f.openStore();
      await old.commit([putRecord(appKey('a'), bytes('by old'))]);
      const newer = await f.openStore();
      expect(newer.epoch).toBeGreaterThan(old.epoch);
      await expect(old.commit([putRecord(nodeKey('a', 'n'), bytes('late'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_FENCED' });
      await expect(old.commit([putRecord(frameworkKey(), bytes('later'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_FENCED' });
      expect(await newer.listNodes('a')).toEqual([]);
      await expect(f.openStore(old.epoch)).rejects.toMatchObject({ code: 'CATAPULT_STORE_FENCED' });
      await newer.readApp('a');
      await newer.commit([putRecord(appKey('a'), bytes('by newer'))]);
    });

    it('writes 1,000 nodes concurrently through few transactions and reads them all back', async () => {
      const f = await fixture();
      const store = await f.openStore();
      await store.commit([putRecord(appKey('big'), bytes('app'))]);
      const ids = Array.from({ length: 1_000 }, (_, i) => `node-${String(i).padStart(4, '0')}`);
      await Promise.all(ids.map((id) => store.commit([putRecord(nodeKey('big', id), bytes(`payload of ${id}`))])));
      expect(store.stats.batches).toBeLessThan(50);
      const read = await (await f.openStore(store.epoch)).readNodes('big');
      expect([...read.keys()]).toEqual(ids);
      expect(read.get('node-0999')).toEqual({ data: bytes('payload of node-0999'), version: 0 });
    });

    it('returns raw bytes and skips nothing when records are corrupt or the tree has strays', async () => {
      const f = await fixture();
      const store = await f.openStore();
      await store.commit([putRecord(appKey('a'), bytes('app')), putRecord(nodeKey('a', 'good'), bytes('{"ok":true}'))]);
      const layout = new StoreLayout(f.rootPath);
      await f.backend.create(layout.nodePath('a', 'garbage'), Buffer.from([0xff, 0x00, 0xfe]));
      await f.backend.create(layout.nodePath('a', 'empty'));
      await f.backend.create(`${layout.nodePath('a', 'good')}/stray-child`, bytes('?'));
      await f.backend.create(layout.appPath('no-nodes-dir'), bytes('odd app'));
      const nodes = await store.readNodes('a');
      expect([...nodes.keys()]).toEqual(['empty', 'garbage', 'good']);
      expect(nodes.get('garbage')?.data).toEqual(Buffer.from([0xff, 0x00, 0xfe]));
      expect(nodes.get('empty')?.data.length).toBe(0);
      expect(await store.listApps()).toEqual(['a', 'no-nodes-dir']);
      expect(await store.readNodes('no-nodes-dir')).toEqual(new Map());
    });

    it('rejects commits after close', async () => {
      const f = await fixture();
      const store = await f.openStore();
      const pending = store.commit([putRecord(frameworkKey(), bytes('fw'))]);
      await store.close();
      await expect(pending).resolves.toBeUndefined();
      await expect(store.commit([putRecord(frameworkKey(), bytes('again'))])).rejects.toMatchObject({ code: 'CATAPULT_STORE_CLOSED' });
    });
  });
}
