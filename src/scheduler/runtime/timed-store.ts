/**
 * A state store that reports how long each commit took to become durable,
 * so persistence latency shows up in the runtime's metrics and the
 * dashboard. Everything else passes straight through.
 */
import type { StateStore } from '../../store';
import type { Clock } from '../../util/clock';

/**
 * `store`, with `onCommitted(latencyMs)` called after every durable commit
 * (failed commits are not timed: they are errors, not latency).
 */
export function timedStore(store: StateStore, clock: Clock, onCommitted: (latencyMs: number) => void): StateStore {
  return {
    get epoch() {
      return store.epoch;
    },
    readFramework: () => store.readFramework(),
    listApps: () => store.listApps(),
    readApp: (appId) => store.readApp(appId),
    listNodes: (appId) => store.listNodes(appId),
    readNode: (appId, nodeId) => store.readNode(appId, nodeId),
    readNodes: (appId) => store.readNodes(appId),
    trackedVersion: (key) => store.trackedVersion(key),
    close: () => store.close(),
    commit(writes) {
      const startedAt = clock.now();
      return store.commit(writes).then(() => onCommitted(clock.now() - startedAt));
    },
  };
}
