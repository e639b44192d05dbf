/**
 * Options of one local master, with the defaults of a Mesos 1.11 master where
 * Mesos has one.
 */
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/logger';
import type { Random } from '../../util/random';
import type { MasterRegistry } from './master-registry';
import type { MasterFaultHooks } from './fault-hooks';

export interface LocalMasterOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Host name put in MasterInfo and in redirects. Default `127.0.0.1`. */
  hostname?: string;
  /** `zk://host:port[,host:port]/path`: register in ZooKeeper and take part in the leader election. */
  zk?: string;
  /** ZooKeeper session timeout. Default 10 000 ms (a Mesos master's default). */
  zkSessionTimeoutMs?: number;
  /** Interval of HEARTBEAT events. Default 15 000 ms. */
  heartbeatIntervalMs?: number;
  /** Interval of the offer cycle. Default 1 000 ms (Mesos' `--allocation_interval`). */
  allocationIntervalMs?: number;
  /** Rescind offers held longer than this. Default: never (Mesos' `--offer_timeout` is unset). */
  offerTimeoutMs?: number;
  /** How long agents known from the registry may take to re-register after a failover. Default 600 000 ms. */
  agentReregisterTimeoutMs?: number;
  /** How long a newly elected leader answers 503 "Master has not finished recovery". Default 0. */
  recoveryMs?: number;
  /** Agents (and what was known about them) shared by the masters of one cluster, like the replicated log. */
  registry?: MasterRegistry;
  /** Faults to inject on the scheduler API (see `faults.ts`). */
  faults?: MasterFaultHooks;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
}

export interface ResolvedMasterOptions {
  port: number;
  hostname: string;
  zk: string | undefined;
  zkSessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  allocationIntervalMs: number;
  offerTimeoutMs: number | undefined;
  agentReregisterTimeoutMs: number;
  recoveryMs: number;
}

/** Fills in the defaults. */
export function resolveMasterOptions(options: LocalMasterOptions): ResolvedMasterOptions {
  return {
    port: options.port ?? 0,
    hostname: options.hostname ?? '127.0.0.1',
    zk: options.zk,
    zkSessionTimeoutMs: options.zkSessionTimeoutMs ?? 10_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 15_000,
    allocationIntervalMs: options.allocationIntervalMs ?? 1_000,
    offerTimeoutMs: options.offerTimeoutMs,
    agentReregisterTimeoutMs: options.agentReregisterTimeoutMs ?? 600_000,
    recoveryMs: options.recoveryMs ?? 0,
  };
}
