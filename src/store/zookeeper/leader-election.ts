/**
 * Leader election on ZooKeeper, with an epoch for fencing.
 *
 * Each contender holds one session with an ephemeral sequential member under
 * `/leader` and watches only its predecessor (no herd effect). The lowest
 * member leads: it bumps `/epoch` and the new version is the fencing token
 * every store commit checks, so a deposed leader that still believes it leads
 * cannot write.
 *
 * Events (Curator's connection semantics):
 * - `elected(term)`: leading, with `term.epoch` and the session's client;
 * - `standby`: in the election behind another member (once per session);
 * - `suspended`: the connection is gone or stalled; stop acting at once;
 * - `resumed(term)`: reconnected within the session, still the lowest member
 *   and the epoch unchanged; act again;
 * - `deposed(reason)`: leadership is over (session expired or presumed lost,
 *   member gone, stop()). The election then rejoins with a NEW session,
 *   unless stopped.
 *
 * A watchdog probes the server every sessionTimeout/3; an answer slower than
 * sessionTimeout/2 while "connected" (a frozen server looks connected
 * forever) suspends and recycles the session. A disconnection lasting a
 * whole session timeout is treated as expiry, because the client only learns
 * of the expiry after reconnecting.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { systemClock, type Clock, type TimerHandle } from '../../util/clock';
import { silentLogger, type Logger } from '../../util/logger';
import { StoreLayout } from '../layout';
import { ensureLayout } from '../store-bootstrap';
import type { ZnodeBackend } from '../znode-backend';
import { createMember, electionOrder } from './election-member';
import { startSessionWatchdog } from './session-watchdog';
import type { ZkClient, ZkClientEvent, ZkClientState } from './zk-client';

/** What the election needs of a client; {@link ZkClient} is one. */
export interface ElectionClient extends ZnodeBackend {
  readonly state: ZkClientState;
  readonly sessionTimeoutMs: number;
  on(event: ZkClientEvent, listener: () => void): () => void;
  close(): Promise<void>;
}

/** One period of leadership. */
export interface LeadershipTerm<C extends ElectionClient = ZkClient> {
  /** The fencing token: the version of `/epoch` this leader wrote. */
  readonly epoch: number;
  /** The session that won; open the store on it. */
  readonly client: C;
  /** This contender's member znode. */
  readonly memberPath: string;
}

export interface LeaderElectionOptions<C extends ElectionClient = ZkClient> {
  /** Connects a new session; called at start and after every loss. */
  connect: () => Promise<C>;
  /** Root of the tree (see layout.ts). */
  rootPath: string;
  /** Stored in the member znode and in `/epoch` on winning (who leads: host, port, ...). */
  memberData?: Uint8Array;
  clock?: Clock;
  logger?: Logger;
  /** Pause before rejoining after a lost session or a failed connect. Default 200 ms. */
  rejoinDelayMs?: number;
}

export type ElectionState = 'idle' | 'joining' | 'standby' | 'leading' | 'suspended' | 'stopped';

interface ElectionEvents<C extends ElectionClient> {
  elected: [term: LeadershipTerm<C>];
  standby: [];
  suspended: [];
  resumed: [term: LeadershipTerm<C>];
  deposed: [reason: string];
}

export class LeaderElection<C extends ElectionClient = ZkClient> {
  private readonly events = new EventEmitter();
  private readonly layout: StoreLayout;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private currentState: ElectionState = 'idle';
  private generation = 0;
  private client: C | undefined;
  private memberName: string | undefined;
  private currentTerm: LeadershipTerm<C> | undefined;
  private timers: TimerHandle[] = [];
  /** Armed while disconnected: the session is presumed lost when they fire. */
  private lostTimers: TimerHandle[] = [];
  private sessionCleanup: Array<() => void> = [];
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly options: LeaderElectionOptions<C>) {
    this.layout = new StoreLayout(options.rootPath);
    this.clock = options.clock ?? systemClock;
    this.logger = (options.logger ?? silentLogger).child({ component: 'leader-election' });
    this.events.setMaxListeners(0);
  }

  get state(): ElectionState {
    return this.currentState;
  }

  /** The current term while leading (also while suspended), else undefined. */
  get term(): LeadershipTerm<C> | undefined {
    return this.currentTerm;
  }

  get isLeader(): boolean {
    return this.currentState === 'leading';
  }

  /** Subscribes to an election event; returns the unsubscribe function. */
  on<E extends keyof ElectionEvents<C>>(event: E, listener: (...args: ElectionEvents<C>[E]) => void): () => void {
    this.events.on(event, listener as (...args: unknown[]) => void);
    return () => void this.events.off(event, listener as (...args: unknown[]) => void);
  }

  /** Joins the election in the background; watch the events. */
  start(): void {
    if (this.currentState !== 'idle') return;
    void this.join();
  }

  /** Leaves the election: closes the session, so the next member takes over at once. Emits `deposed('stopped')` if leading. */
  async stop(): Promise<void> {
    if (this.currentState === 'stopped') return;
    const client = this.client;
    this.endSession('stopped');
    this.currentState = 'stopped';
    await client?.close();
  }

  private async join(): Promise<void> {
    const gen = ++this.generation;
    this.currentState = 'joining';
    let client: C;
    try {
      client = await this.options.connect();
    } catch (err) {
      this.logger.warn({ err }, 'could not connect to ZooKeeper; retrying');
      if (gen === this.generation) this.rejoinLater();
      return;
    }
    if (gen !== this.generation) {
      await client.close();
      return;
    }
    this.client = client;
    this.sessionCleanup = [
      client.on('disconnected', () => this.onDisconnected(gen)),
      client.on('connected', () => this.onReconnected(gen)),
      client.on('expired', () => this.lose(gen, 'session expired')),
    ];
    this.sessionCleanup.push(
      startSessionWatchdog(client, this.clock, (budgetMs) => {
        this.suspend(gen, 'watchdog');
        this.lose(gen, `ZooKeeper did not answer a probe within ${budgetMs} ms while connected`);
      }),
    );
    try {
      await ensureLayout(client, this.layout);
      const name = await createMember(client, this.layout.leaderDir, randomUUID(), this.options.memberData ?? Buffer.alloc(0));
      if (gen !== this.generation) return;
      this.memberName = name;
      this.logger.info({ member: name }, 'joined the election');
      this.check(gen);
    } catch (err) {
      this.lose(gen, `joining failed: ${(err as Error).message}`);
    }
  }

  /** Re-evaluates our place in the election; serialized so watches and reconnects never interleave. */
  private check(gen: number): void {
    this.checking = this.checking.then(() => this.evaluate(gen)).catch((err: unknown) => this.lose(gen, `election check failed: ${(err as Error).message}`));
  }

  private async evaluate(gen: number): Promise<void> {
    const client = this.client;
    if (gen !== this.generation || !client || this.currentState === 'leading' || this.currentState === 'suspended') return;
    const order = electionOrder(await client.getChildren(this.layout.leaderDir));
    const mine = order.indexOf(this.memberName ?? '');
    if (gen !== this.generation) return;
    if (mine < 0) return this.lose(gen, 'our member znode is gone');
    if (mine === 0) return this.win(gen, client);
    const predecessor = `${this.layout.leaderDir}/${order[mine - 1]}`;
    const stat = await client.exists(predecessor, () => this.check(gen));
    if (gen !== this.generation) return;
    if (stat === null) return this.check(gen);
    if (this.currentState === 'standby') return;
    this.currentState = 'standby';
    this.logger.info({ member: this.memberName, predecessor }, 'standing by');
    this.events.emit('standby');
  }

  private async win(gen: number, client: C): Promise<void> {
    const stat = await client.setData(this.layout.epochPath, this.options.memberData ?? Buffer.alloc(0), -1);
    if (gen !== this.generation) return;
    this.currentTerm = { epoch: stat.version, client, memberPath: `${this.layout.leaderDir}/${this.memberName}` };
    this.currentState = 'leading';
    this.logger.info({ epoch: stat.version, member: this.memberName }, 'elected leader');
    this.events.emit('elected', this.currentTerm);
    // The connection dropped after the epoch bump was answered: the disconnect found us not yet leading.
    if (client.state !== 'connected') this.suspend(gen, 'disconnected while being elected');
  }

  private onDisconnected(gen: number): void {
    if (gen !== this.generation) return;
    const sessionTimeoutMs = this.client?.sessionTimeoutMs ?? 0;
    this.suspend(gen, 'disconnected');
    this.cancelLostTimers();
    this.lostTimers.push(this.clock.setTimeout(() => this.lose(gen, `disconnected for the whole session timeout (${sessionTimeoutMs} ms)`), sessionTimeoutMs));
  }

  private onReconnected(gen: number): void {
    if (gen !== this.generation) return;
    this.cancelLostTimers();
    if (this.currentState !== 'suspended') return this.check(gen);
    void this.verifyLeadership(gen).catch((err: unknown) => this.lose(gen, `could not verify leadership: ${(err as Error).message}`));
  }

  private async verifyLeadership(gen: number): Promise<void> {
    const client = this.client!;
    const term = this.currentTerm!;
    const [children, epoch] = await Promise.all([client.getChildren(this.layout.leaderDir), client.exists(this.layout.epochPath)]);
    if (gen !== this.generation || this.currentState !== 'suspended') return;
    if (electionOrder(children)[0] !== this.memberName) return this.lose(gen, 'no longer the lowest member after reconnecting');
    if (epoch?.version !== term.epoch) return this.lose(gen, `the epoch moved to ${epoch?.version} while disconnected`);
    this.currentState = 'leading';
    this.logger.info({ epoch: term.epoch }, 'leadership resumed');
    this.events.emit('resumed', term);
  }

  private suspend(gen: number, reason: string): void {
    if (gen !== this.generation || this.currentState !== 'leading') return;
    this.currentState = 'suspended';
    this.logger.warn({ reason }, 'leadership suspended');
    this.events.emit('suspended');
  }

  /** The session is lost (or abandoned): step down, discard the client, rejoin with a new session. */
  private lose(gen: number, reason: string): void {
    if (gen !== this.generation || this.currentState === 'stopped') return;
    const client = this.client;
    this.endSession(reason);
    void client?.close();
    this.rejoinLater();
  }

  private endSession(reason: string): void {
    this.generation++;
    const wasLeader = this.currentTerm !== undefined;
    this.cancelLostTimers();
    for (const timer of this.timers) timer.cancel();
    this.timers = [];
    for (const off of this.sessionCleanup) off();
    this.sessionCleanup = [];
    this.client = undefined;
    this.memberName = undefined;
    this.currentTerm = undefined;
    this.currentState = 'joining';
    if (wasLeader) {
      this.logger.warn({ reason }, 'deposed');
      this.events.emit('deposed', reason);
    } else {
      this.logger.info({ reason }, 'left the election');
    }
  }

  private rejoinLater(): void {
    const gen = this.generation;
    this.timers.push(
      this.clock.setTimeout(() => {
        if (gen === this.generation && this.currentState !== 'stopped') void this.join();
      }, this.options.rejoinDelayMs ?? 200),
    );
  }

  private cancelLostTimers(): void {
    for (const timer of this.lostTimers) timer.cancel();
    this.lostTimers = [];
  }
}
