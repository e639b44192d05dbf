import { EventEmitter } from 'node:events';
import { ManualClock } from '../../../src/util';
import {
  LeaderElection,
  MemoryZnodeTree,
  StoreLayout,
  type ElectionClient,
  type LeadershipTerm,
  type ZkClientEvent,
  type ZkClientState,
  type ZnodeCreateMode,
  type ZnodeOp,
  type ZnodeWatcher,
} from '../../../src/store';

const SESSION_MS = 3_000;
const layout = new StoreLayout('/fw');

/**
 * A session on the in-memory tree whose connection the test drives: it
 * emits connection events on demand, drops its ephemerals when the session
 * ends, and can stall like a frozen server.
 */
class ScriptedSession implements ElectionClient {
  state: ZkClientState = 'connected';
  readonly sessionTimeoutMs = SESSION_MS;
  stalled = false;
  private readonly events = new EventEmitter();
  private readonly ephemerals: string[] = [];

  constructor(private readonly tree: MemoryZnodeTree) {}

  on(event: ZkClientEvent, listener: () => void): () => void {
    this.events.on(event, listener);
    return () => void this.events.off(event, listener);
  }
  disconnect(): void {
    this.state = 'disconnected';
    this.events.emit('disconnected');
  }
  reconnect(): void {
    this.state = 'connected';
    this.events.emit('connected');
  }
  async close(): Promise<void> {
    this.state = 'closed';
    await Promise.all(this.ephemerals.map((p) => this.tree.remove(p).catch(() => undefined)));
  }
  private gate<T>(run: () => Promise<T>): Promise<T> {
    return this.stalled ? new Promise<T>(() => undefined) : run();
  }
  async create(path: string, data?: Uint8Array, mode?: ZnodeCreateMode): Promise<string> {
    const created = await this.gate(() => this.tree.create(path, data, mode));
    if (mode?.startsWith('ephemeral')) this.ephemerals.push(created);
    return created;
  }
  mkdirp = (path: string) => this.gate(() => this.tree.mkdirp(path));
  exists = (path: string, watcher?: ZnodeWatcher) => this.gate(() => this.tree.exists(path, watcher));
  getData = (path: string, watcher?: ZnodeWatcher) => this.gate(() => this.tree.getData(path, watcher));
  setData = (path: string, data: Uint8Array, version?: number) => this.gate(() => this.tree.setData(path, data, version));
  getChildren = (path: string, watcher?: ZnodeWatcher) => this.gate(() => this.tree.getChildren(path, watcher));
  remove = (path: string, version?: number) => this.gate(() => this.tree.remove(path, version));
  multi = (ops: readonly ZnodeOp[]) => this.gate(() => this.tree.multi(ops));
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

/** Moves time in small steps, letting answered requests settle in between (a real server answers in between too). */
async function advance(clock: ManualClock, ms: number): Promise<void> {
  for (let step = 0; step < ms; step += 100) {
    clock.advance(Math.min(100, ms - step));
    await settle();
  }
}

function setup() {
  const tree = new MemoryZnodeTree();
  const clock = new ManualClock();
  const sessions: ScriptedSession[] = [];
  const log: string[] = [];
  const election = new LeaderElection<ScriptedSession>({
    rootPath: '/fw',
    clock,
    connect: async () => {
      const session = new ScriptedSession(tree);
      sessions.push(session);
      return session;
    },
  });
  const terms: Array<LeadershipTerm<ScriptedSession>> = [];
  election.on('elected', (term) => (terms.push(term), log.push(`elected ${term.epoch}`)));
  election.on('suspended', () => log.push('suspended'));
  election.on('resumed', (term) => log.push(`resumed ${term.epoch}`));
  election.on('deposed', (reason) => log.push(`deposed: ${reason}`));
  return { tree, clock, sessions, log, election, terms };
}

describe('LeaderElection (scripted sessions, manual clock)', () => {
  it('suspends on disconnect and resumes on reconnect within the session', async () => {
    const { clock, sessions, log, election } = setup();
    election.start();
    await settle();
    expect(log).toEqual(['elected 1']);
    sessions[0]!.disconnect();
    expect(election.state).toBe('suspended');
    clock.advance(SESSION_MS - 1);
    sessions[0]!.reconnect();
    await settle();
    await advance(clock, 3 * SESSION_MS);
    expect(log).toEqual(['elected 1', 'suspended', 'resumed 1']);
    expect(election.isLeader).toBe(true);
    expect(sessions).toHaveLength(1);
  });

  it('presumes the session lost after a whole session timeout disconnected, and rejoins with a new session', async () => {
    const { clock, sessions, log, election } = setup();
    election.start();
    await settle();
    sessions[0]!.disconnect();
    clock.advance(SESSION_MS);
    await settle();
    expect(log).toEqual(['elected 1', 'suspended', expect.stringMatching(/^deposed: disconnected for the whole session timeout/)]);
    expect(sessions[0]!.state).toBe('closed');
    clock.advance(200);
    await settle();
    expect(sessions).toHaveLength(2);
    expect(log.at(-1)).toBe('elected 2');
  });

  it('steps down instead of resuming when the epoch moved while it was disconnected', async () => {
    const { tree, sessions, log, election } = setup();
    election.start();
    await settle();
    sessions[0]!.disconnect();
    await tree.setData(layout.epochPath, Buffer.from('someone else'));
    sessions[0]!.reconnect();
    await settle();
    expect(log).toEqual(['elected 1', 'suspended', 'deposed: the epoch moved to 2 while disconnected']);
  });

  it('suspends and recycles the session when the server stalls while connected', async () => {
    const { clock, sessions, log, election } = setup();
    election.start();
    await settle();
    sessions[0]!.stalled = true;
    clock.advance(SESSION_MS / 3);
    await settle();
    expect(log).toEqual(['elected 1']);
    clock.advance(SESSION_MS / 2);
    await settle();
    expect(log).toEqual(['elected 1', 'suspended', expect.stringMatching(/^deposed: ZooKeeper did not answer a probe within 1500 ms/)]);
  });

  it('keeps a standby watching only its predecessor, and promotes it when the predecessor leaves', async () => {
    const { tree, clock, log, election } = setup();
    const other = new LeaderElection<ScriptedSession>({ rootPath: '/fw', clock, connect: async () => new ScriptedSession(tree) });
    other.start();
    await settle();
    election.start();
    await settle();
    expect(election.state).toBe('standby');
    expect(log).toEqual([]);
    await other.stop();
    await settle();
    expect(log).toEqual(['elected 2']);
    await election.stop();
    expect(log.at(-1)).toBe('deposed: stopped');
  });
});
