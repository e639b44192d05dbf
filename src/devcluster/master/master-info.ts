/**
 * The MasterInfo of a local master, shaped as a Mesos 1.11 master fills it
 * (fact sheet §4.3 and §6.2).
 */
import { mesos } from '../../../proto/gen/mesos';

export const MESOS_VERSION = '1.11.0';

/** The IPv4 address packed as a little-endian master lays it out in memory (10.0.0.1 → 16777226). */
export function packIpv4(ip: string): number {
  const [a = 0, b = 0, c = 0, d = 0] = ip.split('.').map(Number);
  return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
}

export function buildMasterInfo(input: { id: string; ip: string; port: number; hostname: string }): mesos.v1.IMasterInfo {
  const C = mesos.v1.MasterInfo.Capability.Type;
  return {
    id: input.id,
    ip: packIpv4(input.ip),
    port: input.port,
    pid: `master@${input.ip}:${input.port}`,
    hostname: input.hostname,
    version: MESOS_VERSION,
    address: { hostname: input.hostname, ip: input.ip, port: input.port },
    capabilities: [{ type: C.AGENT_UPDATE }, { type: C.AGENT_DRAINING }, { type: C.QUOTA_V2 }],
  };
}
