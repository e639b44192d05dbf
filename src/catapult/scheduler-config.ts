/**
 * The scheduler's configuration: a plain mirror of `catapult.SchedulerConfig`
 * with camelCase names, plus what a TypeScript scheduler needs besides
 * (dashboard, encoding, node defaults). {@link validateSchedulerConfig}
 * checks it and fills in the defaults.
 */
import type { NodeOptions } from '../../machines';
import type { mesos } from '../wire';
import { ConfigInvalidFieldError, ConfigMissingFieldError } from './catapult-errors';

/** Mesos' `failover_timeout` default of the Java catapult: 14 days. */
export const DEFAULT_FAILOVER_TIMEOUT_SECONDS = 1_209_600;

/** Where catapult keeps its state. */
export interface ZooKeeperInfo {
  /** `host:port[,host:port...]`, or a `zk://host:port,.../chroot` URL. */
  address: string;
  /** The znode under which everything is kept, e.g. `/catapult/my-framework`. */
  rootNode: string;
  /** Digest credentials; every znode catapult creates is then restricted to them. */
  auth?: { user: string; password: string };
  /** Requested ZooKeeper session timeout. Default 10 000 ms. */
  sessionTimeoutMs?: number;
}

/** How to reach the Mesos masters. */
export interface MesosInfo {
  /** `http://host:port[,http://host2:port]` (or bare `host:port`), or `zk://host:port,.../mesos`. */
  address: string;
  /** How long Mesos keeps the framework's tasks while no scheduler is subscribed. Default 1 209 600 (14 days). */
  failoverTimeoutSeconds?: number;
}

/** The read-only dashboard the scheduler can serve. */
export interface DashboardConfig {
  port: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Bearer token required by the dashboard, if set. */
  token?: string;
}

/** What to do when Mesos says the stored FrameworkID was removed (torn down, or failover timeout elapsed). */
export type FrameworkRemovedPolicy = 'stop' | 'register-new';

export interface SchedulerConfig {
  /** FrameworkInfo.name. */
  frameworkName: string;
  /** FrameworkInfo.user: the Unix user tasks run as. Default: the user running the scheduler, else `root`. */
  user?: string;
  /** FrameworkInfo.roles; the framework subscribes MULTI_ROLE. Default `['*']`. */
  roles?: string[];
  /** FrameworkInfo.principal. */
  principal?: string;
  zooKeeperInfo: ZooKeeperInfo;
  mesosInfo: MesosInfo;
  /** FrameworkInfo.hostname. Default: this host's name. */
  host?: string;
  /** FrameworkInfo.webui_url. Default: the dashboard's URL when a dashboard is configured. */
  webuiUrl?: string;
  dashboard?: DashboardConfig;
  /** Encoding of calls and events on the wire. Default `json`. */
  encoding?: 'json' | 'protobuf';
  /** URIs fetched into every task's sandbox (DockerRegistryInfo.uris of the Java catapult). */
  dockerRegistryUris?: mesos.v1.CommandInfo.IURI[];
  /** Subscribe with the GPU_RESOURCES capability (needed to be offered GPUs). Default false. */
  gpuResources?: boolean;
  /** Defaults for every node's lifecycle: relaunch backoff, kill retry, launch timeout, ... */
  nodeDefaults?: Partial<NodeOptions>;
  /** Seconds between SIGTERM and SIGKILL when a task is killed. Default: the agent's. */
  killGracePeriodSeconds?: number;
  /** When Mesos removed the stored FrameworkID: `stop` (default) or `register-new` (subscribe as a new framework). */
  onFrameworkRemoved?: FrameworkRemovedPolicy;
}

/** A validated config with its defaults filled in. */
export type ResolvedSchedulerConfig = SchedulerConfig & {
  roles: string[];
  mesosInfo: Required<MesosInfo>;
  encoding: 'json' | 'protobuf';
  onFrameworkRemoved: FrameworkRemovedPolicy;
};

const HOST_PORT = /^[^\s,:/]+:\d{1,5}$/;
const MASTER = /^(https?:\/\/)?[^\s,/]+:\d{1,5}(\/[^\s,]*)?$/;

function nonEmpty(field: string, value: unknown, expected: string): string {
  if (value === undefined || value === null || value === '') throw new ConfigMissingFieldError(field, expected);
  if (typeof value !== 'string' || value.trim() !== value) throw new ConfigInvalidFieldError(field, value, expected);
  return value;
}

function zkAddress(address: string): void {
  const expected = `a ZooKeeper connect string like "zk1:2181,zk2:2181" (or "zk://zk1:2181,zk2:2181/chroot")`;
  const hosts = address.replace(/^zk:\/\//, '').split('/')[0] ?? '';
  if (hosts === '' || !hosts.split(',').every((h) => HOST_PORT.test(h))) throw new ConfigInvalidFieldError('zooKeeperInfo.address', address, expected);
}

function mesosAddress(address: string): void {
  const expected = `"http://host:5050[,http://host2:5050]" or "zk://zk1:2181,zk2:2181/mesos"`;
  if (address.startsWith('zk://')) {
    if (!/^zk:\/\/[^/\s]+\/.+/.test(address)) throw new ConfigInvalidFieldError('mesosInfo.address', address, expected);
    zkAddress(address);
    return;
  }
  if (!address.split(',').every((m) => MASTER.test(m.trim()))) throw new ConfigInvalidFieldError('mesosInfo.address', address, expected);
}

function positiveNumber(field: string, value: unknown, expected: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) throw new ConfigInvalidFieldError(field, value, expected);
}

/**
 * Checks a config and fills in its defaults.
 *
 * @throws {ConfigMissingFieldError} `CATAPULT_CONFIG_MISSING_FIELD` for an absent required field.
 * @throws {ConfigInvalidFieldError} `CATAPULT_CONFIG_INVALID_FIELD` for a malformed one; the message gives the expected form.
 */
export function validateSchedulerConfig(config: SchedulerConfig): ResolvedSchedulerConfig {
  if (typeof config !== 'object' || config === null) throw new ConfigMissingFieldError('(config)', 'an object');
  nonEmpty('frameworkName', config.frameworkName, 'the framework\'s name, e.g. "my-framework"');
  if (!config.zooKeeperInfo) throw new ConfigMissingFieldError('zooKeeperInfo', '{ address: "zk1:2181", rootNode: "/catapult/my-framework" }');
  zkAddress(nonEmpty('zooKeeperInfo.address', config.zooKeeperInfo.address, 'a ZooKeeper connect string like "zk1:2181,zk2:2181"'));
  const root = nonEmpty('zooKeeperInfo.rootNode', config.zooKeeperInfo.rootNode, 'an absolute znode path like "/catapult/my-framework"');
  if (!/^\/([^/\s]+(\/[^/\s]+)*)?$/.test(root)) throw new ConfigInvalidFieldError('zooKeeperInfo.rootNode', root, 'an absolute znode path without a trailing slash, like "/catapult/my-framework"');
  positiveNumber('zooKeeperInfo.sessionTimeoutMs', config.zooKeeperInfo.sessionTimeoutMs, 'a number of milliseconds, e.g. 10000');
  if (!config.mesosInfo) throw new ConfigMissingFieldError('mesosInfo', '{ address: "http://master:5050" }');
  mesosAddress(nonEmpty('mesosInfo.address', config.mesosInfo.address, '"http://host:5050" or "zk://zk1:2181/mesos"'));
  positiveNumber('mesosInfo.failoverTimeoutSeconds', config.mesosInfo.failoverTimeoutSeconds, 'a number of seconds, e.g. 1209600 (14 days)');
  const roles = config.roles ?? ['*'];
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === 'string' && r !== '' && !/\s|\//.test(r))) {
    throw new ConfigInvalidFieldError('roles', config.roles, 'a non-empty list of role names, e.g. ["web"] (or leave it out for ["*"])');
  }
  if (config.encoding !== undefined && config.encoding !== 'json' && config.encoding !== 'protobuf') {
    throw new ConfigInvalidFieldError('encoding', config.encoding, '"json" or "protobuf"');
  }
  if (config.dashboard !== undefined && (!Number.isInteger(config.dashboard.port) || config.dashboard.port < 0 || config.dashboard.port > 65_535)) {
    throw new ConfigInvalidFieldError('dashboard.port', config.dashboard.port, 'a TCP port number (0 picks a free one)');
  }
  if (config.onFrameworkRemoved !== undefined && config.onFrameworkRemoved !== 'stop' && config.onFrameworkRemoved !== 'register-new') {
    throw new ConfigInvalidFieldError('onFrameworkRemoved', config.onFrameworkRemoved, '"stop" or "register-new"');
  }
  positiveNumber('killGracePeriodSeconds', config.killGracePeriodSeconds, 'a number of seconds');
  return {
    ...config,
    roles: [...roles],
    mesosInfo: { address: config.mesosInfo.address, failoverTimeoutSeconds: config.mesosInfo.failoverTimeoutSeconds ?? DEFAULT_FAILOVER_TIMEOUT_SECONDS },
    encoding: config.encoding ?? 'json',
    onFrameworkRemoved: config.onFrameworkRemoved ?? 'stop',
  };
}

/** The ZooKeeper connect string and the root path, from `zooKeeperInfo` (a zk:// chroot is prefixed to the root). */
export function zooKeeperTarget(info: ZooKeeperInfo): { connectString: string; rootPath: string } {
  const bare = info.address.replace(/^zk:\/\//, '');
  const slash = bare.indexOf('/');
  if (slash < 0) return { connectString: bare, rootPath: info.rootNode };
  const chroot = bare.slice(slash).replace(/\/+$/, '');
  const rootPath = info.rootNode === '/' ? chroot || '/' : `${chroot}${info.rootNode}`;
  return { connectString: bare.slice(0, slash), rootPath };
}
