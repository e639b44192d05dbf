import { MemoryZnodeTree, openMemoryStore } from '../../../src/store';
import { mixedStateOf, populateMixedApp, restoreAndCompare } from './nodes-scenarios';

describe('persist and restore round trip (memory store)', () => {
  it('restores an app of 1,000 nodes in mixed states; re-persisting gives identical bytes', async () => {
    const tree = new MemoryZnodeTree();
    const count = 1_000;
    const first = await populateMixedApp(await openMemoryStore({ tree }), count);
    first.runtime.stop();
    const { report, mismatches, wrongStates, storedCount, runtime, executor } = await restoreAndCompare(await openMemoryStore({ tree }), count, first.clock);
    expect(storedCount).toBe(count);
    expect(report).toMatchObject({ apps: 1, nodes: count, failures: [] });
    expect(wrongStates).toEqual([]);
    expect(mismatches).toEqual([]);
    const live = new Set(['launching', 'staging', 'running', 'unreachable', 'killing']);
    const expectedLive = Array.from({ length: count }, (_, i) => i).filter((i) => live.has(mixedStateOf(i)));
    expect(report.reconcile.map((t) => t.taskId).sort()).toEqual(expectedLive.map((i) => `web-${i}.1`).sort());
    expect(executor.calls).toEqual([]); // every command was done before the failover
    expect(runtime.app('web').snapshot.context.nodeCount).toBe(count);
    expect(runtime.timers.size).toBeGreaterThan(0);
  });
});
