/**
 * `zk://[user:password@]host:port[,host:port...]/path`, as masters, agents
 * and schedulers take it (fact sheet §6.1).
 */
import { InvalidClusterOptionError } from './errors';

export interface ZkUrl {
  /** `host:port,host:port` for the ZooKeeper client. */
  servers: string;
  /** The znode path, `/` when absent. */
  path: string;
  auth: { user: string; password: string } | undefined;
}

const FORM = 'zk://[user:password@]host:port[,host:port...]/path, such as zk://127.0.0.1:2181/mesos';

/** Parses a zk:// URL; throws InvalidClusterOptionError naming `option` when it is malformed. */
export function parseZkUrl(url: string, option = 'zk'): ZkUrl {
  const m = /^zk:\/\/(?:([^:@/]+):([^@/]*)@)?([^/@]+)(\/.*)?$/.exec(url.trim());
  if (!m) throw new InvalidClusterOptionError(option, url, FORM);
  const servers = m[3]!;
  if (!servers.split(',').every((s) => /^[\w.-]+:\d+$/.test(s) || /^\[[\da-fA-F:]+\]:\d+$/.test(s))) throw new InvalidClusterOptionError(option, url, FORM);
  const rawPath = m[4] ?? '/';
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : '/';
  if (path.includes('//')) throw new InvalidClusterOptionError(option, url, FORM);
  return { servers, path, auth: m[1] !== undefined ? { user: m[1], password: m[2] ?? '' } : undefined };
}
