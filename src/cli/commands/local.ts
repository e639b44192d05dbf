/**
 * `catapult local`: runs a local Mesos-v1-compatible cluster (masters and
 * agents) on loopback until Ctrl-C, with optional seeded faults.
 */
import pino from 'pino';
import type { CliCommand, CliIo } from '../cli-command';
import { createLocalCluster, InvalidClusterOptionError, type LocalCluster, type LocalClusterOptions, type UpdateFaults } from '../../devcluster';
import type { Logger } from '../../util/logger';
import { systemClock } from '../../util/clock';

const USAGE = `Usage: catapult local [flags]

Runs a local cluster that speaks the Mesos v1 scheduler and executor HTTP APIs
on 127.0.0.1, and prints the master URL. Ctrl-C stops it and every process it
started.

Cluster:
  --agents <n>                 Number of agents (default 1)
  --masters <n>                Number of masters; more than one needs --zk (default 1)
  --port <port>                Port of the first master; 0 picks a free one (default 5050)
  --zk <url>                   Register masters in ZooKeeper, e.g. zk://127.0.0.1:2181/mesos
  --resources <text>           Each agent's resources (default "cpus:4;mem:8192;disk:65536;ports:[31000-32000]")
  --attributes <text>          Each agent's attributes, e.g. "rack:r1;zone:a"
  --heartbeat-ms <ms>          HEARTBEAT interval (default 15000)
  --allocation-ms <ms>         Offer cycle interval (default 1000)
  --simulated                  Run tasks in-process instead of as child processes
  --fail-docker                Fail Docker containers instead of running their command on the host
  --seed <n>                   Seed of every random choice; printed as SEED=<n> (default: drawn)
  --log-level <level>          trace, debug, info, warn or error (default info)

Faults:
  --drop-updates <rate>        Drop this fraction (0..1) of status updates on their way to schedulers
  --duplicate-updates <rate>   Deliver this fraction of status updates twice
  --reorder-updates <rate>     Hold back this fraction of status updates behind the next one
  --delay-updates <ms>         Delay every status update by this many milliseconds
  --fail-calls <n>             Answer the first n scheduler calls with 503
  --partition-agent-after <s>  Partition the first agent after s seconds
  --heal-after <s>             End that partition s seconds later (default 10)
  --failover-master-after <s>  Fail the leading master over after s seconds
  --chaos <s>                  Random faults (partitions, cut streams, 503s) every s seconds, from the seed
  -h, --help                   Show this help
`;

/** A malformed command line; exit code 2. */
class UsageError extends Error {}

type Kind = 'int' | 'port' | 'rate' | 'seconds' | 'ms' | 'text' | 'flag';

const FLAGS: Record<string, { kind: Kind; expected: string }> = {
  agents: { kind: 'int', expected: 'a whole number of at least 1' },
  masters: { kind: 'int', expected: 'a whole number of at least 1' },
  port: { kind: 'port', expected: 'a port number between 0 and 65535' },
  zk: { kind: 'text', expected: 'zk://host:port/path' },
  resources: { kind: 'text', expected: '"cpus:4;mem:8192;disk:10000;ports:[31000-32000]"' },
  attributes: { kind: 'text', expected: '"rack:r1;zone:a"' },
  'heartbeat-ms': { kind: 'ms', expected: 'a number of milliseconds greater than 0' },
  'allocation-ms': { kind: 'ms', expected: 'a number of milliseconds greater than 0' },
  simulated: { kind: 'flag', expected: '' },
  'fail-docker': { kind: 'flag', expected: '' },
  seed: { kind: 'int', expected: 'a whole number' },
  'log-level': { kind: 'text', expected: 'trace, debug, info, warn or error' },
  'drop-updates': { kind: 'rate', expected: 'a fraction between 0 and 1' },
  'duplicate-updates': { kind: 'rate', expected: 'a fraction between 0 and 1' },
  'reorder-updates': { kind: 'rate', expected: 'a fraction between 0 and 1' },
  'delay-updates': { kind: 'ms', expected: 'a number of milliseconds greater than 0' },
  'fail-calls': { kind: 'int', expected: 'a whole number of at least 1' },
  'partition-agent-after': { kind: 'seconds', expected: 'a number of seconds (0 or more)' },
  'heal-after': { kind: 'seconds', expected: 'a number of seconds (0 or more)' },
  'failover-master-after': { kind: 'seconds', expected: 'a number of seconds (0 or more)' },
  chaos: { kind: 'seconds', expected: 'a number of seconds greater than 0' },
};

function valid(kind: Kind, name: string, raw: string): boolean {
  const n = Number(raw);
  if (raw.trim() === '') return false;
  switch (kind) {
    case 'int':
      return Number.isInteger(n) && (name === 'seed' || n >= 1);
    case 'port':
      return Number.isInteger(n) && n >= 0 && n <= 65535;
    case 'rate':
      return Number.isFinite(n) && n >= 0 && n <= 1;
    case 'seconds':
      return Number.isFinite(n) && n >= 0 && (name !== 'chaos' || n > 0);
    case 'ms':
      return Number.isFinite(n) && n > 0;
    case 'text':
      return name !== 'log-level' || ['trace', 'debug', 'info', 'warn', 'error'].includes(raw);
    default:
      return true;
  }
}

/** Parses the flags into a map of name → value ('' for boolean flags). */
export function parseLocalFlags(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'; flags start with --`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = FLAGS[name];
    if (!spec) throw new UsageError(`unknown flag --${name}`);
    if (spec.kind === 'flag') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.set(name, '');
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value: ${spec.expected}`);
    if (!valid(spec.kind, name, value)) throw new UsageError(`--${name} ${JSON.stringify(value)} is invalid: expected ${spec.expected}`);
    out.set(name, value);
  }
  if (Number(out.get('masters') ?? 1) > 1 && !out.has('zk')) throw new UsageError('--masters greater than 1 needs --zk zk://host:port/path to elect a leader');
  return out;
}

function clusterOptions(flags: Map<string, string>, logger: Logger): LocalClusterOptions {
  const num = (name: string) => (flags.has(name) ? Number(flags.get(name)) : undefined);
  return {
    agents: num('agents'),
    masters: num('masters'),
    port: num('port') ?? 5050,
    zk: flags.get('zk'),
    resources: flags.get('resources'),
    attributes: flags.get('attributes'),
    heartbeatIntervalMs: num('heartbeat-ms'),
    allocationIntervalMs: num('allocation-ms'),
    simulated: flags.has('simulated'),
    failDocker: flags.has('fail-docker'),
    seed: num('seed'),
    logger,
  };
}

function startFaults(cluster: LocalCluster, flags: Map<string, string>, io: CliIo): void {
  const num = (name: string) => (flags.has(name) ? Number(flags.get(name)) : undefined);
  const updates: UpdateFaults = { dropRate: num('drop-updates'), duplicateRate: num('duplicate-updates'), reorderRate: num('reorder-updates'), delayMs: num('delay-updates') };
  cluster.faults.setUpdateFaults(updates);
  const failCalls = num('fail-calls');
  if (failCalls !== undefined) cluster.faults.failNextCalls(failCalls);
  const partitionAfter = num('partition-agent-after');
  const agentId = () => cluster.agents[0]?.agentId ?? '';
  if (partitionAfter !== undefined) {
    systemClock.setTimeout(() => {
      io.stdout.write(`fault: partitioning agent ${agentId()}\n`);
      cluster.faults.partitionAgent(agentId());
      systemClock.setTimeout(() => {
        io.stdout.write(`fault: healing agent ${agentId()}\n`);
        cluster.faults.healAgent(agentId());
      }, (num('heal-after') ?? 10) * 1000);
    }, partitionAfter * 1000);
  }
  const failoverAfter = num('failover-master-after');
  if (failoverAfter !== undefined) {
    systemClock.setTimeout(() => {
      io.stdout.write('fault: failing the leading master over\n');
      void cluster.faults.failoverMaster().then(() => io.stdout.write(`leading master: ${cluster.leader()?.url ?? 'none'}\n`));
    }, failoverAfter * 1000);
  }
  const chaos = num('chaos');
  if (chaos !== undefined) cluster.faults.startChaos(chaos * 1000);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let flags: Map<string, string>;
  try {
    flags = parseLocalFlags(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`catapult local: ${err.message}\nRun \`catapult local --help\` for the flags.\n`);
    return 2;
  }
  const logger = pino({ level: flags.get('log-level') ?? 'info' }, pino.destination(2)) as unknown as Logger;
  let cluster: LocalCluster;
  try {
    cluster = await createLocalCluster(clusterOptions(flags, logger));
  } catch (err) {
    if (err instanceof InvalidClusterOptionError) {
      io.stderr.write(`catapult local: --${String(err.details['option'])}: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`catapult local: could not start the cluster: ${(err as Error).message}\n`);
    return 1;
  }
  io.stdout.write(`SEED=${cluster.seed}\n`);
  io.stdout.write(`Master: ${cluster.masterUrl}\n`);
  for (const url of cluster.masterUrls.filter((u) => u !== cluster.masterUrl)) io.stdout.write(`Standby master: ${url}\n`);
  if (cluster.zk) io.stdout.write(`ZooKeeper: ${cluster.zk}\n`);
  io.stdout.write(`Agents: ${cluster.agents.map((a) => `${a.agentId} (executor API 127.0.0.1:${a.port})`).join(', ')}\n`);
  startFaults(cluster, flags, io);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stdout.write('stopping the local cluster\n');
      void cluster.stop().finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

export const command: CliCommand = {
  name: 'local',
  summary: 'Run a local Mesos-v1-compatible cluster (a master and agents) on loopback',
  usage: USAGE,
  run,
};
