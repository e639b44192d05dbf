import { MemoryZnodeTree, StoreLayout, currentEpoch, openMemoryStore } from '../../../src/store';
import { describeStateStoreContract } from './state-store-contract';

let roots = 0;

describeStateStoreContract('memory store', async () => {
  const tree = new MemoryZnodeTree();
  const rootPath = `/contract-${roots++}`;
  return {
    backend: tree,
    rootPath,
    openStore: (epoch?: number) => openMemoryStore({ tree, rootPath, epoch }),
  };
});

describe('memory store', () => {
  it('takes over the tree like a new leader when opened without an epoch', async () => {
    const tree = new MemoryZnodeTree();
    const first = await openMemoryStore({ tree });
    const second = await openMemoryStore({ tree });
    expect(second.epoch).toBe(first.epoch + 1);
    expect(await currentEpoch(tree, new StoreLayout('/catapult'))).toBe(second.epoch);
  });
});

describe('MemoryZnodeTree', () => {
  it('applies a multi atomically and reports the failing op', async () => {
    const tree = new MemoryZnodeTree();
    await tree.mkdirp('/a/b');
    const failing = tree.multi([
      { type: 'create', path: '/a/b/c' },
      { type: 'setData', path: '/a', data: Buffer.from('x'), version: 0 },
      { type: 'remove', path: '/a' },
    ]);
    await expect(failing).rejects.toMatchObject({ code: 'CATAPULT_ZK_NOT_EMPTY', opIndex: 2 });
    expect(await tree.exists('/a/b/c')).toBeNull();
    expect((await tree.getData('/a')).stat.version).toBe(0);
  });

  it('names sequential znodes and fires one-shot watches', async () => {
    const tree = new MemoryZnodeTree();
    await tree.mkdirp('/e');
    const events: string[] = [];
    await tree.getChildren('/e', (e) => events.push(`${e.type} ${e.path}`));
    const first = await tree.create('/e/m-', undefined, 'ephemeralSequential');
    const second = await tree.create('/e/m-', undefined, 'ephemeralSequential');
    expect([first, second]).toEqual(['/e/m-0000000000', '/e/m-0000000001']);
    await tree.exists(first, (e) => events.push(`${e.type} ${e.path}`));
    await tree.remove(first);
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['childrenChanged /e', 'deleted /e/m-0000000000']);
  });
});
