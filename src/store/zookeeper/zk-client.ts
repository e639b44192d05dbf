/**
 * A promise wrapper around node-zookeeper-client: the one place that library
 * enters the codebase.
 *
 * What it adds to the library:
 * - a request timeout of our own on every request (the library has none and
 *   keeps reporting SYNC_CONNECTED while a server is frozen);
 * - typed errors with stable codes ({@link ZkError});
 * - multi ops sent with exact versions (the library's builder turns 0 into -1);
 * - a recursive delete that works (the library's is broken with async 3);
 * - response framing without quadratic copying (library-patches.ts);
 * - digest ACLs on every create when credentials are configured;
 * - `retries: 0` always: a retried sequential create or versioned write is not
 *   safe, so callers retry deliberately after reading back.
 */
import { EventEmitter } from 'node:events';
import * as zookeeper from 'node-zookeeper-client';
import { systemClock, type Clock } from '../../util/clock';
import { silentLogger, type Logger } from '../../util/logger';
import type { ZnodeBackend, ZnodeCreateMode, ZnodeData, ZnodeOp, ZnodeOpResult, ZnodeStat, ZnodeWatcher } from '../znode-backend';
import { asBuffer } from '../znode-backend';
import { OPEN_ACL, digestAcl, type ZkAcl, type ZkDigestAuth } from './digest-acl';
import { patchRequestCorking, patchResponseFraming } from './library-patches';
import { RequestDeadlines } from './request-deadlines';
import { ZK_CODES, ZkClientClosedError, ZkConnectTimeoutError, ZkError, ZkRequestTimeoutError, ZkSessionExpiredError, ZkAuthFailedError, zkErrorFromCode } from './zk-errors';
import { ZkTransaction } from './zk-transaction';
import { mkdirp, removeRecursive } from './zk-tree-ops';
import { CREATE_MODES, fromLibraryStat, toLibraryOp, toZnodeEvent } from './zk-library-mapping';

/** A session's id and password, enough to attach another connection to it. */
export interface ZkSessionCredentials {
  readonly id: Buffer;
  readonly password: Buffer;
}

export interface ZkClientOptions {
  /** Requested session timeout; the server clamps it to [2, 20] × tickTime. See {@link ZkClient.sessionTimeoutMs}. */
  sessionTimeoutMs: number;
  logger?: Logger;
  clock?: Clock;
  /** Digest credentials: sent on every (re)connect, and every znode this client creates is restricted to them. */
  auth?: ZkDigestAuth;
  /** How long a request may go unanswered before it fails with CATAPULT_ZK_REQUEST_TIMEOUT. Default: the negotiated session timeout. */
  requestTimeoutMs?: number;
  /** How long `connect` waits for a session. Default: twice the session timeout. */
  connectTimeoutMs?: number;
  /** Upper bound of the random pause between reconnect rounds. Default 250 ms. */
  spinDelayMs?: number;
  /** Attach to an existing session instead of creating one (for tools and tests that kill sessions). */
  session?: ZkSessionCredentials;
}

/** Connection state as this client sees it. */
export type ZkClientState = 'connected' | 'disconnected' | 'expired' | 'authFailed' | 'closed';

/** Events: `connected` (also after reconnecting within the session), `disconnected`, `expired` (the session is gone: connect a new client), `authFailed`, `closed`. */
export type ZkClientEvent = ZkClientState;

/**
 * A connected ZooKeeper client with promise methods.
 *
 * @example
 * const zk = await ZkClient.connect('127.0.0.1:2181/catapult', { sessionTimeoutMs: 10_000 });
 * await zk.mkdirp('/apps');
 * const { data, stat } = await zk.getData('/apps');
 * await zk.close();
 */
export class ZkClient implements ZnodeBackend {
  private readonly events = new EventEmitter();
  private readonly deadlines: RequestDeadlines;
  private readonly defaultAcl: zookeeper.ACL[];
  private currentState: ZkClientState = 'disconnected';

  private constructor(
    /** The connect string this client was created with. */
    readonly connectString: string,
    private readonly client: zookeeper.Client,
    options: ZkClientOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.deadlines = new RequestDeadlines(clock, options.requestTimeoutMs ?? options.sessionTimeoutMs);
    this.defaultAcl = toLibraryAcls(options.auth ? digestAcl(options.auth) : OPEN_ACL);
    this.events.setMaxListeners(0);
    client.on('connected', () => this.transition('connected'));
    client.on('disconnected', () => this.transition('disconnected'));
    client.on('expired', () => this.transition('expired'));
    client.on('authenticationFailed', () => this.transition('authFailed'));
  }

  /**
   * Connects to `connectString` (`host:port,host:port[/chroot]`; the chroot
   * must exist) and resolves once a session is established. Rejects with
   * CATAPULT_ZK_CONNECT_TIMEOUT, CATAPULT_ZK_SESSION_EXPIRED (a `session` that
   * no longer exists) or CATAPULT_ZK_AUTH_FAILED.
   */
  static connect(connectString: string, options: ZkClientOptions): Promise<ZkClient> {
    const clock = options.clock ?? systemClock;
    const logger = (options.logger ?? silentLogger).child({ component: 'zk-client' });
    const raw = zookeeper.createClient(connectString, {
      sessionTimeout: options.sessionTimeoutMs,
      spinDelay: options.spinDelayMs ?? 250,
      retries: 0,
      ...(options.session ? { sessionId: options.session.id, sessionPassword: options.session.password } : {}),
    } as Partial<zookeeper.Option>);
    const manager = (raw as unknown as { connectionManager: Parameters<typeof patchResponseFraming>[0] & Parameters<typeof patchRequestCorking>[0] }).connectionManager;
    patchResponseFraming(manager);
    patchRequestCorking(manager);
    if (options.auth) raw.addAuthInfo('digest', Buffer.from(`${options.auth.user}:${options.auth.password}`));
    const zk = new ZkClient(connectString, raw, options, clock, logger);
    const connectTimeoutMs = options.connectTimeoutMs ?? 2 * options.sessionTimeoutMs;
    return new Promise<ZkClient>((resolve, reject) => {
      const fail = (err: ZkError) => {
        cleanup();
        void zk.close().finally(() => reject(err));
      };
      const timer = clock.setTimeout(() => fail(new ZkConnectTimeoutError(connectString, connectTimeoutMs)), connectTimeoutMs);
      const offs = [
        zk.on('connected', () => {
          cleanup();
          if (options.requestTimeoutMs === undefined) zk.deadlines.timeoutMs = zk.sessionTimeoutMs;
          logger.debug({ sessionId: zk.sessionIdHex, sessionTimeoutMs: zk.sessionTimeoutMs }, 'connected to ZooKeeper');
          resolve(zk);
        }),
        zk.on('expired', () => fail(new ZkSessionExpiredError({ op: 'connect' }))),
        zk.on('authFailed', () => fail(new ZkAuthFailedError({ op: 'connect' }))),
      ];
      const cleanup = () => {
        timer.cancel();
        for (const off of offs) off();
      };
      raw.connect();
    });
  }

  /** Current connection state. */
  get state(): ZkClientState {
    return this.currentState;
  }

  /** The session timeout the server granted (valid once connected). */
  get sessionTimeoutMs(): number {
    return this.client.getSessionTimeout();
  }

  /** The timeout applied to each request. */
  get requestTimeoutMs(): number {
    return this.deadlines.timeoutMs;
  }

  /** The session's id and password. */
  get session(): ZkSessionCredentials {
    return { id: this.client.getSessionId(), password: this.client.getSessionPassword() };
  }

  /** The session id in hex, as ZooKeeper logs it. */
  get sessionIdHex(): string {
    return this.client.getSessionId().toString('hex');
  }

  /** Subscribes to a state event; returns the unsubscribe function. */
  on(event: ZkClientEvent, listener: () => void): () => void {
    this.events.on(event, listener);
    return () => void this.events.off(event, listener);
  }

  /** Creates a znode and returns its path (with the counter for sequential modes). `acl` defaults to the digest ACL when auth is configured, else open. */
  create(path: string, data?: Uint8Array, mode: ZnodeCreateMode = 'persistent', acl?: readonly ZkAcl[]): Promise<string> {
    const acls = acl ? toLibraryAcls(acl) : this.defaultAcl;
    return this.call<string>('create', path, (done) =>
      this.client.create(path, asBuffer(data), acls, CREATE_MODES[mode], (err, created) => done(err, created)),
    );
  }

  /** Creates `path` and its missing ancestors (persistent, empty). Existing znodes are left alone. */
  mkdirp(path: string): Promise<void> {
    return mkdirp(this, path);
  }

  /** The znode's stat, or null when it does not exist. A watcher fires on its creation, deletion or data change. */
  exists(path: string, watcher?: ZnodeWatcher): Promise<ZnodeStat | null> {
    return this.call<ZnodeStat | null>('exists', path, (done) => {
      const cb = (err: unknown, stat: zookeeper.Stat | null) => done(err, stat ? fromLibraryStat(stat) : null);
      if (watcher) this.client.exists(path, (e) => watcher(toZnodeEvent(e)), cb);
      else this.client.exists(path, cb);
    });
  }

  /** The znode's data (empty Buffer for none) and stat. */
  getData(path: string, watcher?: ZnodeWatcher): Promise<ZnodeData> {
    return this.call<ZnodeData>('getData', path, (done) => {
      const cb = (err: unknown, data: Buffer | null, stat: zookeeper.Stat) => done(err, err ? undefined : { data: data ?? Buffer.alloc(0), stat: fromLibraryStat(stat) });
      if (watcher) this.client.getData(path, (e) => watcher(toZnodeEvent(e)), cb);
      else this.client.getData(path, cb);
    });
  }

  /** Writes data if the version matches (`-1`: any version); resolves to the new stat. */
  setData(path: string, data: Uint8Array, version = -1): Promise<ZnodeStat> {
    return this.call<ZnodeStat>('setData', path, (done) =>
      this.client.setData(path, asBuffer(data), version, (err, stat) => done(err, err ? undefined : fromLibraryStat(stat))),
    );
  }

  /** The children's names (unsorted). */
  getChildren(path: string, watcher?: ZnodeWatcher): Promise<string[]> {
    return this.call<string[]>('getChildren', path, (done) => {
      const cb = (err: unknown, children: string[]) => done(err, children);
      if (watcher) this.client.getChildren(path, (e) => watcher(toZnodeEvent(e)), cb);
      else this.client.getChildren(path, cb);
    });
  }

  /** Deletes a childless znode if the version matches (`-1`: any version). */
  remove(path: string, version = -1): Promise<void> {
    return this.call<void>('remove', path, (done) => this.client.remove(path, version, (err) => done(err)));
  }

  /** Deletes `path` and everything below it; see {@link removeRecursive} in zk-tree-ops.ts. */
  removeRecursive(path: string): Promise<void> {
    return removeRecursive(this, path);
  }

  /** Runs `ops` atomically. On failure nothing is applied and the error's `opIndex` is the failing op. */
  multi(ops: readonly ZnodeOp[]): Promise<ZnodeOpResult[]> {
    return this.call<ZnodeOpResult[]>('multi', undefined, (done) => {
      const tx = this.client.transaction() as zookeeper.Transaction & { ops: unknown[] };
      for (const op of ops) tx.ops.push(toLibraryOp(op, this.defaultAcl));
      tx.commit((err, results: Array<{ type: number; err?: number; path?: string; stat?: zookeeper.Stat }> | undefined) => {
        if (err) {
          const index = results?.findIndex((r) => r.err !== undefined && r.err !== ZK_CODES.OK) ?? -1;
          const failing = index >= 0 ? ops[index] : undefined;
          done(index >= 0 ? zkErrorFromCode(results?.[index]?.err ?? 0, { op: 'multi', path: failing?.path, opIndex: index, cause: err }) : err);
          return;
        }
        done(null, ops.map((op, i) => toOpResult(op, results?.[i])));
      });
    });
  }

  /** A builder for an atomic multi. */
  transaction(): ZkTransaction {
    return new ZkTransaction(this);
  }

  /**
   * Closes the session (its ephemeral znodes go at once) and resolves when
   * the connection is down. Never rejects. Pending requests fail; later ones
   * fail with CATAPULT_ZK_CLIENT_CLOSED.
   */
  close(): Promise<void> {
    if (this.currentState === 'closed') return Promise.resolve();
    const wasLive = this.currentState === 'connected' || this.currentState === 'disconnected';
    this.transition('closed');
    this.deadlines.clear();
    return new Promise<void>((resolve) => {
      if (!wasLive) {
        this.destroySocket();
        resolve();
        return;
      }
      const finish = () => {
        timer.cancel();
        this.client.removeListener('disconnected', finish);
        this.destroySocket();
        resolve();
      };
      // A frozen server never answers the close request; do not wait on it forever.
      const timer = this.clock.setTimeout(finish, Math.min(2_000, this.deadlines.timeoutMs));
      this.client.once('disconnected', finish);
      this.client.close();
    });
  }

  private transition(state: ZkClientState): void {
    if (this.currentState === 'closed' || this.currentState === state) return;
    this.currentState = state;
    this.logger.debug({ state, sessionId: this.sessionIdHex }, 'ZooKeeper connection state');
    this.events.emit(state);
  }

  /** Stops the library from reconnecting after close; it exposes no API for it. */
  private destroySocket(): void {
    const manager = (this.client as unknown as { connectionManager?: { socket?: { destroy(): void }; setState?(s: number): void } }).connectionManager;
    manager?.socket?.destroy();
  }

  private call<T>(op: string, path: string | undefined, start: (done: (err: unknown, value?: T) => void) => void): Promise<T> {
    if (this.currentState === 'closed') return Promise.reject(new ZkClientClosedError({ op, path }));
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const id = this.deadlines.add(() => {
        if (settled) return;
        settled = true;
        reject(new ZkRequestTimeoutError(this.deadlines.timeoutMs, { op, path }));
      });
      const done = (err: unknown, value?: T) => {
        if (settled) return;
        settled = true;
        this.deadlines.remove(id);
        if (err) reject(this.toError(err, op, path));
        else resolve(value as T);
      };
      try {
        start(done);
      } catch (err) {
        // The library asserts on its arguments (an invalid path, a too large buffer) by throwing.
        done(zkErrorFromCode(ZK_CODES.BAD_ARGUMENTS, { op, path, cause: err }));
      }
    });
  }

  private toError(err: unknown, op: string, path: string | undefined): ZkError {
    if (err instanceof ZkError) return err;
    if (this.currentState === 'closed') return new ZkClientClosedError({ op, path, cause: err });
    const code = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : ZK_CODES.SYSTEM_ERROR;
    return zkErrorFromCode(code, { op, path, cause: err });
  }
}

function toLibraryAcls(acl: readonly ZkAcl[]): zookeeper.ACL[] {
  return acl.map((a) => new zookeeper.ACL(a.perms, new zookeeper.Id(a.scheme, a.id)));
}

function toOpResult(op: ZnodeOp, raw: { path?: string; stat?: zookeeper.Stat } | undefined): ZnodeOpResult {
  switch (op.type) {
    case 'create':
      return { type: 'create', path: raw?.path ?? op.path };
    case 'setData':
      if (!raw?.stat) throw new Error('ZooKeeper answered a multi setData without a stat');
      return { type: 'setData', stat: fromLibraryStat(raw.stat) };
    case 'check':
      return { type: 'check' };
    case 'remove':
      return { type: 'remove' };
  }
}
