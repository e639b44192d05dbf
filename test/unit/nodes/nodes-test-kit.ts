/** Builders for node runtime tests: a recording executor and a store whose commits can be held. */
import type { NodeCommand } from '../../../machines';
import type { CommandExecutor, CommandTarget } from '../../../src/nodes';
import type { StateStore, StoreWrite } from '../../../src/store';

export class RecordingExecutor implements CommandExecutor {
  readonly calls: Array<NodeCommand & { nodeId: string }> = [];
  failNext: Error | undefined;
  private record(command: NodeCommand, target: CommandTarget): void {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.calls.push({ ...command, nodeId: target.nodeId });
  }
  launch = (c: Extract<NodeCommand, { type: 'launch' }>, t: CommandTarget) => this.record(c, t);
  kill = (c: Extract<NodeCommand, { type: 'kill' }>, t: CommandTarget) => this.record(c, t);
  acknowledge = (c: Extract<NodeCommand, { type: 'acknowledge' }>, t: CommandTarget) => this.record(c, t);
  message = (c: Extract<NodeCommand, { type: 'message' }>, t: CommandTarget) => this.record(c, t);
  of(type: NodeCommand['type']) {
    return this.calls.filter((c) => c.type === type);
  }
}

/** Wraps a store; while `hold` is true, commits wait until `release()`. */
export class GatedStore implements StateStore {
  hold = false;
  readonly committed: StoreWrite[][] = [];
  private waiting: Array<() => void> = [];
  constructor(private readonly inner: StateStore) {}
  get epoch() {
    return this.inner.epoch;
  }
  readFramework = () => this.inner.readFramework();
  listApps = () => this.inner.listApps();
  readApp = (appId: string) => this.inner.readApp(appId);
  listNodes = (appId: string) => this.inner.listNodes(appId);
  readNode = (appId: string, nodeId: string) => this.inner.readNode(appId, nodeId);
  readNodes = (appId: string) => this.inner.readNodes(appId);
  trackedVersion: StateStore['trackedVersion'] = (key) => this.inner.trackedVersion(key);
  close = () => this.inner.close();
  async commit(writes: readonly StoreWrite[]): Promise<void> {
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
    await this.inner.commit(writes);
    this.committed.push([...writes]);
  }
  get pending(): number {
    return this.waiting.length;
  }
  release(): void {
    this.hold = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** Lets queued promise callbacks run. */
export async function flushPromises(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
