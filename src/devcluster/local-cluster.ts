/**
 * The local cluster: one or more masters (with ZooKeeper election when there
 * are several or a zk:// URL is given) and N agents, wired together, with a
 * seeded fault controller.
 *
 * @example
 * const cluster = await createLocalCluster({ agents: 2, seed: 7, heartbeatIntervalMs: 1000 });
 * // point a scheduler at cluster.masterUrl
 * await cluster.stop();
 */
import type { mesos } from '../../proto/gen/mesos';
import { systemClock, type Clock } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { seededRandom, systemRandom } from '../util/random';
import type { AgentPort, AgentRegistration, MasterPort } from './agent-link';
import type { AgentAttributeValue, AgentResources } from './agent/agent-info';
import type { LocalAgentOptions, SimulationOptions } from './agent/agent-options';
import { createAgent, type LocalAgent } from './agent/local-agent';
import { ClusterFaults } from './faults';
import { agentAttributesFromText, agentResourcesFromText } from './master/agent-flags';
import { InvalidClusterOptionError } from './master/errors';
import { LocalMaster } from './master/local-master';
import { MasterRegistry } from './master/master-registry';
import { parseZkUrl } from './master/zk-url';

export interface LocalClusterOptions {
  /** Number of agents. Default 1. */
  agents?: number;
  /** Each agent's resources: text (`cpus:4;mem:8192;disk:10000;ports:[31000-32000]`) or an object. */
  resources?: string | AgentResources;
  /** Each agent's attributes: text (`rack:r1;zone:a`) or an object. */
  attributes?: string | Record<string, AgentAttributeValue>;
  /** `zk://host:port/path`: masters register there and elect a leader. Required when `masters` > 1. */
  zk?: string;
  /** Number of masters. Default 1. */
  masters?: number;
  /** Port of the first master (the others take free ports). Default: a free port. */
  port?: number;
  /** HEARTBEAT interval. Default 15 000 ms. */
  heartbeatIntervalMs?: number;
  /** Offer cycle interval. Default 1 000 ms. */
  allocationIntervalMs?: number;
  /** Rescind offers held longer than this. Default: never. */
  offerTimeoutMs?: number;
  /** Agents re-register with a newly elected master after this delay. Default 0. */
  agentReregisterDelayMs?: number;
  /** Run tasks in-process instead of as child processes. */
  simulated?: boolean | SimulationOptions;
  /** Fail Docker containers instead of running their command on the host. */
  failDocker?: boolean;
  /** The seed of every random choice (ids, offer order, faults). Default: drawn, and logged as `SEED=<n>`. */
  seed?: number;
  /** More agent options (status-update retry intervals, grace periods, ...). */
  agentOptions?: Partial<Omit<LocalAgentOptions, 'master'>>;
  logger?: Logger;
  clock?: Clock;
}

export interface LocalCluster {
  /** The scheduler endpoint of the master that led when the cluster started. */
  readonly masterUrl: string;
  /** Every master's scheduler endpoint. */
  readonly masterUrls: string[];
  /** The zk:// URL the masters registered under, if any. */
  readonly zk: string | undefined;
  readonly masters: LocalMaster[];
  readonly agents: LocalAgent[];
  readonly faults: ClusterFaults;
  readonly seed: number;
  /** The master leading now, if any. */
  leader(): LocalMaster | undefined;
  /** Resolves once some running master leads (after a failover). */
  waitForLeader(timeoutMs?: number): Promise<LocalMaster>;
  /** Stops every agent (killing their processes) and every master. */
  stop(): Promise<void>;
}

function positive(option: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new InvalidClusterOptionError(option, value, 'a whole number of at least 1');
  return n;
}

/** Starts a local cluster. Call `stop()` when done. */
export async function createLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const agentCount = positive('agents', options.agents, 1);
  const masterCount = positive('masters', options.masters, 1);
  if (masterCount > 1 && options.zk === undefined) throw new InvalidClusterOptionError('masters', masterCount, 'a zk:// URL (zk) to elect a leader among several masters');
  if (options.zk !== undefined) parseZkUrl(options.zk);
  const resources = typeof options.resources === 'string' ? agentResourcesFromText(options.resources) : options.resources;
  const attributes = typeof options.attributes === 'string' ? agentAttributesFromText(options.attributes) : options.attributes;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const seed = options.seed ?? Math.floor(systemRandom.next() * 2 ** 31);
  logger.info({ seed }, `SEED=${seed}`);
  const faults = new ClusterFaults(seed, seededRandom(seed), clock, logger.child({ component: 'faults' }));
  const registry = new MasterRegistry();
  const masters: LocalMaster[] = [];
  const agents: LocalAgent[] = [];
  let masterSeq = 0;

  const leader = () => masters.find((m) => m.isLeader());
  const router: MasterPort = {
    registerAgent: (agent: AgentPort, registration: AgentRegistration) => leader()?.registerAgent(agent, registration),
    statusUpdate: (frameworkId: string, status: mesos.v1.ITaskStatus) => leader()?.statusUpdate(frameworkId, status),
    executorMessage: (f: string, e: string, a: string, data: Uint8Array) => leader()?.executorMessage(f, e, a, data),
    executorExited: (f: string, e: string, a: string, w: number) => leader()?.executorExited(f, e, a, w),
    agentDisconnected: (agentId: string) => leader()?.agentDisconnected(agentId),
  };
  const startMaster = async (port: number | undefined): Promise<LocalMaster> => {
    const index = masterSeq++;
    const master = await LocalMaster.start({
      port,
      zk: options.zk,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      allocationIntervalMs: options.allocationIntervalMs,
      offerTimeoutMs: options.offerTimeoutMs,
      registry,
      faults,
      clock,
      random: seededRandom(seed + 1000 + index),
      logger: logger.child({ master: index }),
    });
    masters.push(master);
    master.onElected(() => {
      const reregister = () => agents.forEach((a) => a.reregister(router));
      if (options.agentReregisterDelayMs) clock.setTimeout(reregister, options.agentReregisterDelayMs);
      else reregister();
    });
    return master;
  };

  for (let i = 0; i < masterCount; i++) await startMaster(i === 0 ? options.port : undefined);
  const first = leader() ?? masters[0]!;
  for (let i = 0; i < agentCount; i++) {
    const agent = createAgent({
      ...options.agentOptions,
      master: router,
      resources,
      attributes,
      simulation: options.simulated,
      failDocker: options.failDocker,
      clock,
      random: seededRandom(seed + 2000 + i),
      logger: logger.child({ agent: i }),
    });
    agents.push(agent);
    await agent.start();
  }

  const agentById = (agentId: string) => {
    const agent = agents.find((a) => a.agentId === agentId);
    if (!agent) throw new InvalidClusterOptionError('agentId', agentId, `one of ${agents.map((a) => a.agentId).join(', ')}`);
    return agent;
  };
  const waitForLeader = (timeoutMs = 30_000) =>
    new Promise<LocalMaster>((resolve, reject) => {
      const started = clock.now();
      const poll = () => {
        const current = leader();
        if (current) return resolve(current);
        if (clock.now() - started > timeoutMs) return reject(new InvalidClusterOptionError('leader', undefined, `a leading master within ${timeoutMs} ms`));
        clock.setTimeout(poll, 20);
      };
      poll();
    });

  faults.bind({
    cutStream: (frameworkId) => leader()?.cutStream(frameworkId) ?? false,
    failoverMaster: async () => {
      const current = leader();
      if (!current) return;
      const port = current.port;
      masters.splice(masters.indexOf(current), 1);
      await current.stop();
      if (masters.length === 0) await startMaster(port);
      await waitForLeader();
    },
    stopAgent: (agentId) => agentById(agentId).stop(),
    restartAgent: (agentId) => agentById(agentId).restart(),
    partitionAgent: (agentId) => agentById(agentId).partition(),
    healAgent: (agentId) => agentById(agentId).heal(),
    agentIds: () => agents.map((a) => a.agentId),
    frameworkIds: () => [...(leader()?.state.frameworks.keys() ?? [])],
  });

  let stopped: Promise<void> | undefined;
  return {
    masterUrl: first.url,
    masterUrls: masters.map((m) => m.url),
    zk: options.zk,
    masters,
    agents,
    faults,
    seed,
    leader,
    waitForLeader,
    stop: () =>
      (stopped ??= (async () => {
        faults.dispose();
        await Promise.all(agents.map((a) => a.close()));
        await Promise.all(masters.map((m) => m.stop()));
      })()),
  };
}

/**
 * A cluster for tests: simulated-free defaults tuned for speed (1 s
 * heartbeats, 50 ms offer cycle, 500 ms update retries) and the seed taken
 * from `SEED` in the environment when set, so a failing run can be replayed.
 */
export function createTestCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const envSeed = process.env['SEED'] === undefined ? undefined : Number(process.env['SEED']);
  return createLocalCluster({
    heartbeatIntervalMs: 1_000,
    allocationIntervalMs: 50,
    seed: envSeed,
    ...options,
    agentOptions: { statusUpdateRetryInitialMs: 500, statusUpdateRetryMaxMs: 2_000, ...options.agentOptions },
  });
}
