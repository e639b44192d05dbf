/**
 * Leader detection through ZooKeeper, as Mesos' own detector does it (§6.3):
 * watch the children of the masters' znode, take the `json.info_` child with
 * the lowest sequence, read its JSON MasterInfo, report its URL.
 *
 * Re-reads are coalesced: a watch that fires during a read makes the read run
 * once more afterwards, so bursts of changes cost one extra pass, not one
 * per change. When the detector's own session expires it reports `noLeader`
 * and connects a new session, then reads the children again.
 */
import { ZkClient, type ZnodeBackend } from '../store';
import { isCatapultError } from '../util/catapult-error';
import { systemClock, type Clock, type TimerHandle } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { MasterDetectorBase } from './master-detector-base';
import { masterUrlFromZnode } from './master-info-url';
import { pickLeader } from './zk-leader';
import { parseZkUrl, type ZkUrl } from './zk-url';

const NO_NODE = 'CATAPULT_ZK_NO_NODE';

/** The ZooKeeper operations the detector uses, and the session events it reacts to. */
export interface DetectorZkSession extends Pick<ZnodeBackend, 'getChildren' | 'getData' | 'exists'> {
  on(event: 'connected' | 'expired', listener: () => void): () => void;
  close(): Promise<void>;
}

export interface ZooKeeperMasterDetectorOptions {
  /** `zk://[user:password@]host:port[,host:port…]/path` */
  url: string;
  clock?: Clock;
  logger?: Logger;
  /** Session timeout requested from ZooKeeper. Default 10 s, as Mesos' detectors use. */
  sessionTimeoutMs?: number;
  /** Pause before connecting again after a failed connect or an expired session, and before re-reading after a failed read. Default 1 s. */
  reconnectDelayMs?: number;
  /** Scheme of the reported URLs: `https` for a libprocess-TLS cluster. Default `http`. */
  scheme?: 'http' | 'https';
  /** Opens a session; defaults to {@link ZkClient.connect}. */
  connect?: (connectString: string, zkUrl: ZkUrl) => Promise<DetectorZkSession>;
}

/** Follows the leading master registered in ZooKeeper. */
export class ZooKeeperMasterDetector extends MasterDetectorBase {
  private readonly zkUrl: ZkUrl;
  private readonly clock: Clock;
  private readonly reconnectDelayMs: number;
  private readonly scheme: 'http' | 'https';
  private readonly connectSession: (connectString: string, zkUrl: ZkUrl) => Promise<DetectorZkSession>;
  private session: DetectorZkSession | undefined;
  private sessionOffs: Array<() => void> = [];
  private running = false;
  private reading = false;
  private readAgain = false;
  private reconnectTimer: TimerHandle | undefined;
  private retryTimer: TimerHandle | undefined;

  /** @throws {InvalidZkUrlError} when `options.url` is not a zk:// URL. */
  constructor(options: ZooKeeperMasterDetectorOptions) {
    super((options.logger ?? silentLogger).child({ component: 'zookeeper-master-detector' }));
    this.zkUrl = parseZkUrl(options.url);
    this.clock = options.clock ?? systemClock;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1_000;
    this.scheme = options.scheme ?? 'http';
    const sessionTimeoutMs = options.sessionTimeoutMs ?? 10_000;
    this.connectSession =
      options.connect ??
      ((connectString, zkUrl) =>
        ZkClient.connect(connectString, {
          sessionTimeoutMs,
          clock: this.clock,
          logger: this.logger,
          ...(zkUrl.auth ? { auth: { scheme: 'digest' as const, ...zkUrl.auth } } : {}),
        }));
  }

  /** Connects and reads the leader; resolves once the first session is up (rejects if it cannot connect). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.openSession();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.reconnectTimer?.cancel();
    this.retryTimer?.cancel();
    await this.dropSession();
  }

  private async openSession(): Promise<void> {
    const session = await this.connectSession(this.zkUrl.connectString, this.zkUrl);
    if (!this.running) {
      await session.close();
      return;
    }
    this.session = session;
    this.sessionOffs = [
      session.on('expired', () => this.onExpired(session)),
      session.on('connected', () => void this.refresh()),
    ];
    await this.refresh();
  }

  private onExpired(session: DetectorZkSession): void {
    if (session !== this.session) return;
    this.logger.warn({ path: this.zkUrl.path }, 'ZooKeeper session expired; no leader until a new session has read the masters again');
    this.report(undefined);
    void this.dropSession();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.openSession().catch((err) => {
        this.logger.warn({ err }, 'could not connect to ZooKeeper; retrying');
        this.scheduleReconnect();
      });
    }, this.reconnectDelayMs);
  }

  private async dropSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    for (const off of this.sessionOffs) off();
    this.sessionOffs = [];
    await session?.close();
  }

  private async refresh(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.readAgain = false;
        const session = this.session;
        if (!this.running || !session) return;
        const url = await this.readLeader(session);
        // A read that straddled a session change says nothing about the new session.
        if (session === this.session && url !== 'unknown') this.report(url);
      } while (this.readAgain);
    } finally {
      this.reading = false;
    }
  }

  /** The leader's URL, `undefined` for none, or `'unknown'` when ZooKeeper could not answer (a reconnect re-reads). */
  private async readLeader(session: DetectorZkSession): Promise<string | undefined | 'unknown'> {
    const path = this.zkUrl.path;
    const watch = () => void this.refresh();
    let children: string[];
    try {
      children = await session.getChildren(path, watch);
    } catch (err) {
      if (!isCatapultError(err, NO_NODE)) return this.unreadable(err, path);
      // No master has created the path yet: wait for it to appear.
      if ((await session.exists(path, watch).catch(() => null)) !== null) this.readAgain = true;
      return undefined;
    }
    const leader = pickLeader(children);
    if (!leader) return undefined;
    const leaderPath = `${path === '/' ? '' : path}/${leader.name}`;
    try {
      const { data } = await session.getData(leaderPath);
      return masterUrlFromZnode(data, this.scheme);
    } catch (err) {
      if (isCatapultError(err, NO_NODE)) {
        this.readAgain = true;
        return 'unknown';
      }
      if (isCatapultError(err, 'CATAPULT_MASTER_INFO_INVALID')) {
        this.logger.error({ err, path: leaderPath }, 'the leading master registered an unreadable MasterInfo');
        return undefined;
      }
      return this.unreadable(err, leaderPath);
    }
  }

  /** A failed read (connection loss, request timeout) may have left no watch behind, so it is retried, not only on reconnect. */
  private unreadable(err: unknown, path: string): 'unknown' {
    this.logger.warn({ err, path }, 'could not read the masters from ZooKeeper; retrying');
    this.retryTimer?.cancel();
    this.retryTimer = this.clock.setTimeout(() => void this.refresh(), this.reconnectDelayMs);
    return 'unknown';
  }
}
