/**
 * `catapult demo` flags: {@link parseDemoArgs} turns them into
 * {@link DemoOptions} or throws a {@link DemoUsageError} naming the flag and
 * the expected form.
 */
import { DemoUsageError } from './demo-errors';

export interface DemoOptions {
  nodes: number;
  agents: number;
  /** A running ZooKeeper (`host:port`); absent: a throwaway one is started. */
  zk: string | undefined;
  /** The dashboard proxy's port (0 picks a free one). */
  port: number;
  faults: boolean;
  exitAfterDemo: boolean;
  /** Seconds between printing the dashboard URL and the first fault, to open the page. */
  faultDelaySeconds: number;
}

export const DEMO_DEFAULTS: Readonly<DemoOptions> = Object.freeze({ nodes: 5, agents: 3, zk: undefined, port: 8080, faults: true, exitAfterDemo: false, faultDelaySeconds: 15 });

export const DEMO_USAGE = `Usage: catapult demo [flags]

Starts ZooKeeper (a throwaway one from Debian's zookeeper package, unless
--zk is given), a local Mesos-compatible cluster, and two hello schedulers:
one leads, one stands by. Prints the dashboard URL (it follows the leader),
then fails a task and the leading scheduler, narrating what catapult does.
Ctrl-C stops every process it started.

Flags:
  --nodes <n>          Nodes of the hello app (default ${DEMO_DEFAULTS.nodes})
  --agents <n>         Agents of the local cluster (default ${DEMO_DEFAULTS.agents})
  --zk <host:port>     Use this ZooKeeper instead of starting one
  --port <port>        Port of the dashboard URL; 0 picks a free one (default ${DEMO_DEFAULTS.port})
  --no-faults          Start everything, inject no faults
  --fault-delay <s>    Seconds to open the dashboard before the first fault (default ${DEMO_DEFAULTS.faultDelaySeconds}; 0 with --exit-after-demo)
  --exit-after-demo    Stop everything and exit 0 once the failover has been shown
  -h, --help           Show this help
`;

const VALUED: Record<string, string> = {
  nodes: 'a whole number between 1 and 500',
  agents: 'a whole number between 1 and 50',
  zk: 'host:port of a running ZooKeeper, e.g. 127.0.0.1:2181',
  port: 'a port number between 0 and 65535',
  'fault-delay': 'a whole number of seconds between 0 and 600',
};
const BOOLEAN = new Set(['no-faults', 'exit-after-demo']);

function check(name: string, raw: string): boolean {
  const n = Number(raw);
  switch (name) {
    case 'nodes':
      return /^\d+$/.test(raw) && n >= 1 && n <= 500;
    case 'agents':
      return /^\d+$/.test(raw) && n >= 1 && n <= 50;
    case 'port':
      return /^\d+$/.test(raw) && n <= 65_535;
    case 'fault-delay':
      return /^\d+$/.test(raw) && n <= 600;
    default:
      return /^[^\s,:/]+:\d{1,5}(,[^\s,:/]+:\d{1,5})*$/.test(raw);
  }
}

/**
 * Parses the demo's flags.
 *
 * @throws {DemoUsageError} `CATAPULT_DEMO_USAGE` for an unknown, repeated, valueless or malformed flag.
 */
export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const seen = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new DemoUsageError(`unexpected argument '${arg}'; flags start with --`, '');
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!BOOLEAN.has(name) && !(name in VALUED)) throw new DemoUsageError(`unknown flag --${name}`, name);
    if (seen.has(name)) throw new DemoUsageError(`--${name} is given twice; give it once`, name);
    if (BOOLEAN.has(name)) {
      if (eq >= 0) throw new DemoUsageError(`--${name} takes no value`, name);
      seen.set(name, '');
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value.startsWith('--')) throw new DemoUsageError(`--${name} needs a value: ${VALUED[name]}`, name);
    if (!check(name, value)) throw new DemoUsageError(`--${name} ${JSON.stringify(value)} is invalid: expected ${VALUED[name]}`, name);
    seen.set(name, value);
  }
  const num = (name: 'nodes' | 'agents' | 'port') => (seen.has(name) ? Number(seen.get(name)) : DEMO_DEFAULTS[name]);
  return {
    nodes: num('nodes'),
    agents: num('agents'),
    zk: seen.get('zk'),
    port: num('port'),
    faults: !seen.has('no-faults'),
    exitAfterDemo: seen.has('exit-after-demo'),
    // A test run wants the failover at once; a person wants time to open the page.
    faultDelaySeconds: seen.has('fault-delay') ? Number(seen.get('fault-delay')) : seen.has('exit-after-demo') ? 0 : DEMO_DEFAULTS.faultDelaySeconds,
  };
}
