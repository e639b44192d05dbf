/**
 * An in-memory znode tree with ZooKeeper's semantics for what the store
 * uses: versions, compare-and-set, NOT_EMPTY, sequential names, atomic multi
 * (with the failing op's index) and one-shot watches. Errors are the same
 * typed {@link ZkError}s as {@link ZkClient}'s. There are no sessions:
 * ephemeral znodes behave as persistent ones.
 */
import { systemClock, type Clock } from '../util/clock';
import type { ZnodeBackend, ZnodeCreateMode, ZnodeData, ZnodeEvent, ZnodeOp, ZnodeOpResult, ZnodeStat, ZnodeWatcher } from './znode-backend';
import { asBuffer } from './znode-backend';
import { ZK_CODES, ZkError, zkErrorFromCode } from './zookeeper/zk-errors';

interface Znode {
  data: Buffer;
  version: number;
  cversion: number;
  czxid: bigint;
  mzxid: bigint;
  ctimeMs: number;
  mtimeMs: number;
  readonly children: Set<string>;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function validatePath(path: string, op: string): void {
  if (!path.startsWith('/') || (path.length > 1 && path.endsWith('/')) || path.includes('//')) {
    throw zkErrorFromCode(ZK_CODES.BAD_ARGUMENTS, { op, path });
  }
}

export class MemoryZnodeTree implements ZnodeBackend {
  private readonly nodes = new Map<string, Znode>();
  private readonly watchers = { data: new Map<string, ZnodeWatcher[]>(), child: new Map<string, ZnodeWatcher[]>() };
  private zxid = 0n;

  constructor(private readonly clock: Clock = systemClock) {
    this.nodes.set('/', this.newZnode(Buffer.alloc(0)));
  }

  async create(path: string, data?: Uint8Array, mode: ZnodeCreateMode = 'persistent'): Promise<string> {
    const [result] = this.apply([{ type: 'create', path, data, mode }], 'create');
    return (result as { path: string }).path;
  }

  async mkdirp(path: string): Promise<void> {
    let prefix = '';
    for (const part of path.split('/').filter((p) => p !== '')) {
      prefix += `/${part}`;
      if (!this.nodes.has(prefix)) this.apply([{ type: 'create', path: prefix }], 'mkdirp');
    }
  }

  async exists(path: string, watcher?: ZnodeWatcher): Promise<ZnodeStat | null> {
    validatePath(path, 'exists');
    if (watcher) this.watch('data', path, watcher);
    const node = this.nodes.get(path);
    return node ? this.statOf(node) : null;
  }

  async getData(path: string, watcher?: ZnodeWatcher): Promise<ZnodeData> {
    const node = this.get(path, 'getData');
    if (watcher) this.watch('data', path, watcher);
    return { data: Buffer.from(node.data), stat: this.statOf(node) };
  }

  async setData(path: string, data: Uint8Array, version = -1): Promise<ZnodeStat> {
    const [result] = this.apply([{ type: 'setData', path, data, version }], 'setData');
    return (result as { stat: ZnodeStat }).stat;
  }

  async getChildren(path: string, watcher?: ZnodeWatcher): Promise<string[]> {
    const node = this.get(path, 'getChildren');
    if (watcher) this.watch('child', path, watcher);
    return [...node.children];
  }

  async remove(path: string, version = -1): Promise<void> {
    this.apply([{ type: 'remove', path, version }], 'remove');
  }

  async multi(ops: readonly ZnodeOp[]): Promise<ZnodeOpResult[]> {
    return this.apply(ops, 'multi');
  }

  /** Number of znodes, root included. */
  get size(): number {
    return this.nodes.size;
  }

  /** Applies `ops` atomically: on the first failure, undoes the ones applied and throws with `opIndex`. */
  private apply(ops: readonly ZnodeOp[], opName: string): ZnodeOpResult[] {
    const undo: Array<() => void> = [];
    const events: ZnodeEvent[] = [];
    const results: ZnodeOpResult[] = [];
    try {
      ops.forEach((op, opIndex) => {
        try {
          results.push(this.applyOne(op, undo, events));
        } catch (err) {
          if (err instanceof ZkError && opName === 'multi') throw zkErrorFromCode(err.zkCode, { op: opName, path: op.path, opIndex });
          throw err;
        }
      });
    } catch (err) {
      for (const step of undo.reverse()) step();
      throw err;
    }
    for (const event of events) this.fire(event);
    return results;
  }

  private applyOne(op: ZnodeOp, undo: Array<() => void>, events: ZnodeEvent[]): ZnodeOpResult {
    validatePath(op.path, op.type);
    const fail = (code: number): never => {
      throw zkErrorFromCode(code, { op: op.type, path: op.path });
    };
    if (op.type === 'create') {
      const parentPath = parentOf(op.path);
      const parent = this.nodes.get(parentPath) ?? fail(ZK_CODES.NO_NODE);
      const sequential = op.mode === 'persistentSequential' || op.mode === 'ephemeralSequential';
      const path = sequential ? `${op.path}${String(parent.cversion).padStart(10, '0')}` : op.path;
      if (this.nodes.has(path)) fail(ZK_CODES.NODE_EXISTS);
      const name = path.slice(parentPath === '/' ? 1 : parentPath.length + 1);
      this.nodes.set(path, this.newZnode(Buffer.from(asBuffer(op.data))));
      parent.children.add(name);
      parent.cversion++;
      undo.push(() => {
        this.nodes.delete(path);
        parent.children.delete(name);
        parent.cversion--;
      });
      events.push({ type: 'created', path }, { type: 'childrenChanged', path: parentPath });
      return { type: 'create', path };
    }
    const node = this.nodes.get(op.path) ?? fail(ZK_CODES.NO_NODE);
    const version = op.version ?? -1;
    if (version >= 0 && version !== node.version) fail(ZK_CODES.BAD_VERSION);
    if (op.type === 'check') return { type: 'check' };
    if (op.type === 'setData') {
      const before = { data: node.data, version: node.version, mzxid: node.mzxid, mtimeMs: node.mtimeMs };
      Object.assign(node, { data: Buffer.from(asBuffer(op.data)), version: node.version + 1, mzxid: ++this.zxid, mtimeMs: this.clock.now() });
      undo.push(() => Object.assign(node, before));
      events.push({ type: 'dataChanged', path: op.path });
      return { type: 'setData', stat: this.statOf(node) };
    }
    if (op.path === '/') fail(ZK_CODES.BAD_ARGUMENTS);
    if (node.children.size > 0) fail(ZK_CODES.NOT_EMPTY);
    const parentPath = parentOf(op.path);
    const parent = this.nodes.get(parentPath)!;
    const name = op.path.slice(parentPath === '/' ? 1 : parentPath.length + 1);
    this.nodes.delete(op.path);
    parent.children.delete(name);
    parent.cversion++;
    undo.push(() => {
      this.nodes.set(op.path, node);
      parent.children.add(name);
      parent.cversion--;
    });
    events.push({ type: 'deleted', path: op.path }, { type: 'childrenChanged', path: parentPath });
    return { type: 'remove' };
  }

  private get(path: string, op: string): Znode {
    validatePath(path, op);
    const node = this.nodes.get(path);
    if (!node) throw zkErrorFromCode(ZK_CODES.NO_NODE, { op, path });
    return node;
  }

  private newZnode(data: Buffer): Znode {
    const zxid = ++this.zxid;
    const now = this.clock.now();
    return { data, version: 0, cversion: 0, czxid: zxid, mzxid: zxid, ctimeMs: now, mtimeMs: now, children: new Set() };
  }

  private statOf(node: Znode): ZnodeStat {
    return {
      version: node.version,
      cversion: node.cversion,
      aversion: 0,
      dataLength: node.data.length,
      numChildren: node.children.size,
      czxid: node.czxid,
      mzxid: node.mzxid,
      ctimeMs: node.ctimeMs,
      mtimeMs: node.mtimeMs,
      ephemeralOwner: undefined,
    };
  }

  private watch(kind: 'data' | 'child', path: string, watcher: ZnodeWatcher): void {
    const list = this.watchers[kind].get(path) ?? [];
    list.push(watcher);
    this.watchers[kind].set(path, list);
  }

  private fire(event: ZnodeEvent): void {
    const kinds: Array<'data' | 'child'> = event.type === 'childrenChanged' ? ['child'] : event.type === 'deleted' ? ['data', 'child'] : ['data'];
    for (const kind of kinds) {
      const list = this.watchers[kind].get(event.path);
      if (!list) continue;
      this.watchers[kind].delete(event.path);
      for (const watcher of list) queueMicrotask(() => watcher(event));
    }
  }
}
