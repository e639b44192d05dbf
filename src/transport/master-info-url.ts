/**
 * The scheduler endpoint of a master, from the JSON MasterInfo it registered
 * in ZooKeeper (§6.3 step 6): `address.ip`/`address.port`, falling back to the
 * packed `ip` with `port`, then `pid` (see `masterAddress` in src/wire).
 */
import { masterSchedulerUrl, parseMasterInfoJson } from '../wire';

/**
 * `http://<address.ip>:<address.port>/api/v1/scheduler` for a `json.info_*` znode's data.
 *
 * @throws {MasterInfoError} (`CATAPULT_MASTER_INFO_INVALID`) when the data is not a MasterInfo or names no address.
 */
export function masterUrlFromZnode(data: Uint8Array, scheme: 'http' | 'https' = 'http'): string {
  return masterSchedulerUrl(parseMasterInfoJson(data), { scheme });
}
