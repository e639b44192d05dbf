/**
 * The MasterInfo a Mesos master writes into its ZooKeeper `json.info_<seq>`
 * znode, and the scheduler endpoint URL it implies.
 */
import { decodeMessage } from './codecs';
import type { MasterInfo } from './types';
import { MasterInfoError } from './wire-errors';
import { CatapultError } from '../util/catapult-error';

/** Where a master listens. */
export interface MasterAddress {
  host: string;
  port: number;
}

/**
 * Parses the data of a `json.info_*` znode (UTF-8 JSON, Mesos's converter) as
 * a plain MasterInfo. Throws {@link MasterInfoError} when it is not one.
 */
export function parseMasterInfoJson(data: Uint8Array | string): MasterInfo {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  try {
    return decodeMessage<MasterInfo>('mesos.v1.MasterInfo', bytes, 'json');
  } catch (err) {
    throw new MasterInfoError(
      `the master's ZooKeeper entry is not a MasterInfo JSON: ${(err as Error).message}`,
      { cause: err, details: err instanceof CatapultError ? err.details : {} },
    );
  }
}

/** Decodes the deprecated packed `MasterInfo.ip` (IPv4 in memory order of a little-endian master). */
export function unpackIpv4(ip: number): string {
  return [ip & 255, (ip >>> 8) & 255, (ip >>> 16) & 255, ip >>> 24].join('.');
}

const PID = /^[^@]+@([^:]+):(\d+)$/;

/**
 * The address to reach a master at: `address.ip` and `address.port` (the most
 * robust: host names may not resolve from the client), else the packed `ip`
 * with `port`, else the `pid` (`master@ip:port`). Throws
 * {@link MasterInfoError} when none is usable.
 */
export function masterAddress(info: MasterInfo): MasterAddress {
  const address = info.address;
  if (address && typeof address.ip === 'string' && address.ip !== '' && isPort(address.port)) {
    return { host: address.ip, port: address.port };
  }
  if (typeof info.ip === 'number' && info.ip !== 0 && isPort(info.port)) {
    return { host: unpackIpv4(info.ip), port: info.port };
  }
  const pid = typeof info.pid === 'string' ? PID.exec(info.pid) : null;
  if (pid !== null && isPort(Number(pid[2]))) return { host: pid[1]!, port: Number(pid[2]) };
  throw new MasterInfoError('MasterInfo has no usable address (address.ip/port, ip/port or pid)', {
    details: { id: info.id },
  });
}

/**
 * The v1 scheduler endpoint of a master, e.g. `http://10.0.0.1:5050/api/v1/scheduler`.
 * Pass `scheme: 'https'` for clusters running libprocess TLS.
 */
export function masterSchedulerUrl(info: MasterInfo, options: { scheme?: 'http' | 'https' } = {}): string {
  const { host, port } = masterAddress(info);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `${options.scheme ?? 'http'}://${hostPart}:${port}/api/v1/scheduler`;
}

function isPort(port: unknown): port is number {
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536;
}
