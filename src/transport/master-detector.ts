/**
 * Master detection from the one setting users give: a `zk://` URL, or a list
 * of masters. See {@link ZooKeeperMasterDetector} and {@link StaticMasterDetector}.
 */
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { MasterDetector } from './master-detector-base';
import { StaticMasterDetector } from './static-master-detector';
import { ZooKeeperMasterDetector } from './zookeeper-master-detector';
import { isZkUrl } from './zk-url';

export interface MasterDetectorOptions {
  clock?: Clock;
  logger?: Logger;
  /** Scheme of URLs built from ZooKeeper MasterInfo. Default `http`. */
  scheme?: 'http' | 'https';
}

/**
 * A detector for `master`: `zk://…` → {@link ZooKeeperMasterDetector};
 * otherwise a comma-separated list (or array) of masters → {@link StaticMasterDetector}.
 *
 * @example
 * const detector = createMasterDetector('zk://zk1:2181,zk2:2181/mesos', { logger });
 * detector.onLeader((url) => { client.useMaster(url); client.disconnect('leader changed'); });
 * await detector.start();
 *
 * @throws {InvalidZkUrlError} for a malformed `zk://` URL.
 */
export function createMasterDetector(master: string | readonly string[], options: MasterDetectorOptions = {}): MasterDetector {
  if (typeof master === 'string' && isZkUrl(master)) {
    return new ZooKeeperMasterDetector({ url: master, ...options });
  }
  const masters = typeof master === 'string' ? master.split(',').map((m) => m.trim()).filter((m) => m !== '') : master;
  return new StaticMasterDetector({ masters, ...(options.clock ? { clock: options.clock } : {}), ...(options.logger ? { logger: options.logger } : {}) });
}
