/**
 * A master's part in the ZooKeeper election, as a Mesos master takes it:
 * create the persistent path, register an EPHEMERAL_SEQUENTIAL `json.info_`
 * znode holding the JSON MasterInfo, and follow the children: the lowest
 * sequence leads. Every change of leader is reported, so a non-leader can
 * redirect to the leader and a new leader can take over.
 */
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { ZkClient } from '../../store/zookeeper/zk-client';
import { MasterRegistrationError } from './errors';
import { parseZkUrl } from './zk-url';

/** The leader as seen from one master. */
export interface LeaderInfo {
  /** True when this master leads. */
  self: boolean;
  hostname: string;
  port: number;
}

export interface ZkContenderOptions {
  url: string;
  /** The JSON MasterInfo, written as the znode's data. */
  masterInfoJson: string;
  sessionTimeoutMs: number;
  clock: Clock;
  logger: Logger;
  /** Called with the current leader (undefined: none) whenever it changes. */
  onLeader(leader: LeaderInfo | undefined): void;
}

const LABEL = 'json.info_';

function sequenceOf(child: string): number | undefined {
  const tokens = child.split('_');
  if (tokens.length < 2) return undefined;
  const seq = Number(tokens[tokens.length - 1]);
  return Number.isInteger(seq) ? seq : undefined;
}

/** A registered contender; `stop()` withdraws (the znode goes with the session). */
export class ZkContender {
  private stopped = false;
  private lastLeader: string | undefined;

  private constructor(private readonly client: ZkClient, private readonly path: string, private readonly ownNode: string, private readonly options: ZkContenderOptions) {}

  /** Connects, registers and starts following the election. */
  static async start(options: ZkContenderOptions): Promise<ZkContender> {
    const url = parseZkUrl(options.url);
    let client: ZkClient | undefined;
    try {
      client = await ZkClient.connect(url.servers, { sessionTimeoutMs: options.sessionTimeoutMs, clock: options.clock, logger: options.logger, ...(url.auth ? { auth: { scheme: 'digest' as const, ...url.auth } } : {}) });
      if (url.path !== '/') await client.mkdirp(url.path);
      const prefix = url.path === '/' ? `/${LABEL}` : `${url.path}/${LABEL}`;
      const own = await client.create(prefix, Buffer.from(options.masterInfoJson, 'utf8'), 'ephemeralSequential');
      const contender = new ZkContender(client, url.path, own.slice(own.lastIndexOf('/') + 1), options);
      client.on('expired', () => contender.report(undefined));
      await contender.follow();
      return contender;
    } catch (err) {
      await client?.close().catch(() => undefined);
      throw new MasterRegistrationError(url.path, err);
    }
  }

  /** The name of this master's znode, e.g. `json.info_0000000003`. */
  get znode(): string {
    return this.ownNode;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.client.close();
  }

  private async follow(): Promise<void> {
    if (this.stopped) return;
    const children = await this.client.getChildren(this.path, () => void this.follow().catch((err) => this.failed(err)));
    const contenders = children
      .map((name) => ({ name, seq: sequenceOf(name) }))
      .filter((c): c is { name: string; seq: number } => c.seq !== undefined && c.name.startsWith(LABEL))
      .sort((a, b) => a.seq - b.seq);
    const leader = contenders[0];
    if (!leader) return this.report(undefined);
    if (leader.name === this.ownNode) return this.report({ self: true, hostname: '', port: 0 }, leader.name);
    try {
      const { data } = await this.client.getData(`${this.path === '/' ? '' : this.path}/${leader.name}`);
      const info = JSON.parse(data.toString('utf8')) as { hostname?: string; port?: number; address?: { hostname?: string; ip?: string; port?: number } };
      const hostname = info.address?.hostname ?? info.hostname ?? info.address?.ip ?? '127.0.0.1';
      this.report({ self: false, hostname, port: info.address?.port ?? info.port ?? 5050 }, leader.name);
    } catch (err) {
      // The leader vanished between listing and reading; the children watch fires again.
      this.options.logger.debug({ err, leader: leader.name }, 'could not read the leader znode');
    }
  }

  private report(leader: LeaderInfo | undefined, name?: string): void {
    const key = leader ? `${name}` : '';
    if (key === this.lastLeader || this.stopped) return;
    this.lastLeader = key;
    this.options.onLeader(leader);
  }

  private failed(err: unknown): void {
    if (this.stopped) return;
    this.options.logger.warn({ err }, 'following the master election failed; retrying');
    this.options.clock.setTimeout(() => void this.follow().catch((e) => this.failed(e)), 500);
  }
}
