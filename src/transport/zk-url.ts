/**
 * Parsing `zk://[user:password@]host1:port1[,host2:port2…]/path` (§6.1), the
 * URL masters, agents and schedulers share.
 */
import { CatapultError } from '../util/catapult-error';

const EXPECTED = 'zk://[user:password@]host1:port1[,host2:port2...]/path, e.g. zk://zk1:2181,zk2:2181/mesos';

/** A master URL that should be a ZooKeeper URL is not one. */
export class InvalidZkUrlError extends CatapultError {
  constructor(url: string, problem: string) {
    super('CATAPULT_INVALID_ZK_URL', `invalid ZooKeeper URL ${JSON.stringify(url)}: ${problem}; expected ${EXPECTED}`, { details: { url, problem } });
  }
}

/** The parts of a `zk://` URL. */
export interface ZkUrl {
  /** The server list as ZooKeeper clients take it: `host1:port1,host2:port2`. */
  connectString: string;
  /** The znode the masters register under, `/` when absent. */
  path: string;
  /** Credentials for ZooKeeper's `digest` scheme, when given. */
  auth?: { user: string; password: string };
}

/** True when `url` starts with `zk://` (case-insensitive). */
export function isZkUrl(url: string): boolean {
  return /^zk:\/\//i.test(url.trim());
}

/**
 * Splits a `zk://` URL into its server list, znode path and optional digest credentials.
 *
 * @throws {InvalidZkUrlError} naming what is wrong and the expected format.
 */
export function parseZkUrl(url: string): ZkUrl {
  const trimmed = url.trim();
  if (!isZkUrl(trimmed)) throw new InvalidZkUrlError(url, 'it must start with zk://');
  const rest = trimmed.slice('zk://'.length);
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const rawPath = slash === -1 ? '/' : rest.slice(slash);
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? undefined : authority.slice(0, at);
  const servers = at === -1 ? authority : authority.slice(at + 1);

  if (servers === '') throw new InvalidZkUrlError(url, 'the server list is empty');
  for (const server of servers.split(',')) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):(\d{1,5})$/.exec(server);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new InvalidZkUrlError(url, `server ${JSON.stringify(server)} is not host:port`);
    }
  }
  const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  if (path.includes('//') || /\s/.test(path)) throw new InvalidZkUrlError(url, `path ${JSON.stringify(rawPath)} is not a znode path`);

  const parsed: ZkUrl = { connectString: servers, path };
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(':');
    if (colon <= 0) throw new InvalidZkUrlError(url, 'credentials must be user:password@');
    parsed.auth = { user: decodeURIComponent(userInfo.slice(0, colon)), password: decodeURIComponent(userInfo.slice(colon + 1)) };
  }
  return parsed;
}
