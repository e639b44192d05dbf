/**
 * The hello scheduler's command line: `parseHelloArgs(argv)` turns the flags
 * into {@link HelloOptions} or throws a {@link HelloUsageError} that names
 * the flag and the form it expects. Pure, so it is unit-tested without a
 * cluster.
 */

/** The default node command: a shell loop that runs until the task is killed. */
export const DEFAULT_COMMAND = 'while true; do sleep 5; done';
export const DEFAULT_CPUS = 0.1;
export const DEFAULT_MEMORY_MB = 32;
export const DEFAULT_FRAMEWORK_NAME = 'hello';

export const HELLO_USAGE = `Usage: node dist/examples/hello/scheduler.js --master <url> --zk <host:port/chroot> --nodes <n> [flags]

Runs one app of <n> nodes on Mesos and keeps it running: failed nodes are
relaunched with backoff, state is kept in ZooKeeper, and a second scheduler
started with the same --zk stands by and takes over when this one stops.
SIGTERM or SIGINT stops cleanly (a standby takes over at once).

Required:
  --master <url>            http://host:port[,http://host2:port] or zk://host:port[,host2:port]/mesos
  --zk <host:port/chroot>   ZooKeeper and the znode to keep state under, e.g. 127.0.0.1:2181/catapult/hello
  --nodes <n>               Number of nodes (a whole number of at least 1)

Nodes:
  --name <name>             Framework and app name (default ${DEFAULT_FRAMEWORK_NAME})
  --command "<shell>"       What each node runs (default "${DEFAULT_COMMAND}")
  --executor                Run each node on the hello executor (answers "ping" with "pong") instead
  --cpus <n>                CPUs per node (default ${DEFAULT_CPUS})
  --mem <mb>                Memory per node in MB (default ${DEFAULT_MEMORY_MB})

Serving:
  --http-port <port>        Serve /api/state (JSON) and /health on this port
  --http-host <addr>        Address to bind --http-port and --dashboard-port to (default 127.0.0.1)
  --dashboard-port <port>   Serve the dashboard on this port
  --zk-session-timeout-ms <ms>  ZooKeeper session timeout: how soon a standby replaces a dead leader (default 10000)
  --log-level <level>       trace, debug, info, warn or error (default info)
  -h, --help                Show this help
`;

/** What the hello scheduler runs with. */
export interface HelloOptions {
  /** `mesosInfo.address`: an http(s) URL list or a zk:// URL. */
  master: string;
  /** The ZooKeeper connect string, without the chroot. */
  zkConnect: string;
  /** The znode catapult keeps everything under (the --zk chroot, default `/catapult/<name>`). */
  zkRoot: string;
  nodes: number;
  name: string;
  /** The shell command of each node; absent with `executor`. */
  command: string | undefined;
  executor: boolean;
  cpus: number;
  memoryMb: number;
  httpPort: number | undefined;
  httpHost: string;
  dashboardPort: number | undefined;
  /** ZooKeeper session timeout; absent: catapult's default. */
  zkSessionTimeoutMs: number | undefined;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** A malformed command line. The scheduler prints the message and exits with code 2. */
export class HelloUsageError extends Error {
  readonly code = 'HELLO_USAGE';
  constructor(
    message: string,
    /** The flag at fault, without dashes (`''` when none). */
    readonly flag: string,
  ) {
    super(message);
    this.name = 'HelloUsageError';
  }
}

/** `parseHelloArgs` found --help: print {@link HELLO_USAGE} and exit 0. */
export const HELP = Symbol('help');

type Kind = 'master' | 'zk' | 'count' | 'name' | 'text' | 'number' | 'port' | 'host' | 'level' | 'flag';

const FLAGS: Record<string, { kind: Kind; expected: string }> = {
  master: { kind: 'master', expected: 'http://host:port (several separated by commas) or zk://host:port/path' },
  zk: { kind: 'zk', expected: 'host:port[,host:port]/chroot, e.g. 127.0.0.1:2181/catapult/hello' },
  nodes: { kind: 'count', expected: 'a whole number of at least 1' },
  name: { kind: 'name', expected: "1-64 letters, digits, '_' or '-', starting with a letter or digit" },
  command: { kind: 'text', expected: 'a non-empty shell command in quotes' },
  executor: { kind: 'flag', expected: '' },
  cpus: { kind: 'number', expected: 'a number of CPUs greater than 0, e.g. 0.1' },
  mem: { kind: 'number', expected: 'a number of megabytes greater than 0, e.g. 32' },
  'http-port': { kind: 'port', expected: 'a port number between 0 and 65535' },
  'http-host': { kind: 'host', expected: 'an address to bind, e.g. 127.0.0.1 or 0.0.0.0' },
  'dashboard-port': { kind: 'port', expected: 'a port number between 0 and 65535' },
  'zk-session-timeout-ms': { kind: 'number', expected: 'a number of milliseconds greater than 0, e.g. 4000' },
  'log-level': { kind: 'level', expected: 'trace, debug, info, warn or error' },
};

const HOST_PORT = /^[^\s,:/]+:\d{1,5}$/;

function valid(kind: Kind, raw: string): boolean {
  const n = Number(raw);
  switch (kind) {
    case 'master':
      if (raw.startsWith('zk://')) return /^zk:\/\/[^/\s]+\/\S+$/.test(raw) && raw.slice(5).split('/')[0]!.split(',').every((h) => HOST_PORT.test(h));
      return raw.split(',').every((m) => /^https?:\/\/[^\s,/:]+:\d{1,5}(\/[^\s,]*)?$/.test(m));
    case 'zk': {
      const [hosts = ''] = raw.replace(/^zk:\/\//, '').split('/');
      const chroot = raw.replace(/^zk:\/\//, '').slice(hosts.length);
      return hosts.split(',').every((h) => HOST_PORT.test(h)) && (chroot === '' || /^(\/[^/\s]+)+\/?$/.test(chroot));
    }
    case 'count':
      return /^\d+$/.test(raw) && n >= 1 && Number.isSafeInteger(n);
    case 'name':
      return /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(raw);
    case 'number':
      return raw.trim() !== '' && Number.isFinite(n) && n > 0;
    case 'port':
      return /^\d+$/.test(raw) && n <= 65_535;
    case 'host':
      return /^[^\s/]+$/.test(raw);
    case 'level':
      return ['trace', 'debug', 'info', 'warn', 'error'].includes(raw);
    case 'text':
      return raw.trim() !== '';
    default:
      return true;
  }
}

/** Reads `--flag value`, `--flag=value` and bare boolean flags into a map. */
function readFlags(argv: readonly string[]): Map<string, string> | typeof HELP {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return HELP;
    if (!arg.startsWith('--')) throw new HelloUsageError(`unexpected argument '${arg}'; flags start with --`, '');
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = FLAGS[name];
    if (!spec) throw new HelloUsageError(`unknown flag --${name}`, name);
    if (out.has(name)) throw new HelloUsageError(`--${name} is given twice; give it once`, name);
    if (spec.kind === 'flag') {
      if (eq >= 0) throw new HelloUsageError(`--${name} takes no value`, name);
      out.set(name, '');
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--') && spec.kind !== 'text')) {
      throw new HelloUsageError(`--${name} needs a value: ${spec.expected}`, name);
    }
    if (!valid(spec.kind, value)) throw new HelloUsageError(`--${name} ${JSON.stringify(value)} is invalid: expected ${spec.expected}`, name);
    out.set(name, value);
  }
  return out;
}

/** Splits `host:port,host2:port/chroot` (optionally `zk://`-prefixed) into connect string and root znode. */
export function splitZk(raw: string, name: string): { zkConnect: string; zkRoot: string } {
  const bare = raw.replace(/^zk:\/\//, '');
  const slash = bare.indexOf('/');
  if (slash < 0) return { zkConnect: bare, zkRoot: `/catapult/${name}` };
  const root = bare.slice(slash).replace(/\/+$/, '');
  return { zkConnect: bare.slice(0, slash), zkRoot: root === '' ? `/catapult/${name}` : root };
}

/**
 * Parses the hello scheduler's flags.
 *
 * @returns the options, or {@link HELP} when `--help` was asked for.
 * @throws {HelloUsageError} a missing, unknown, repeated or malformed flag; the message names the flag and the expected form.
 *
 * @example
 * parseHelloArgs(['--master', 'http://127.0.0.1:5050', '--zk', '127.0.0.1:2181/catapult/hello', '--nodes', '3']);
 */
export function parseHelloArgs(argv: readonly string[]): HelloOptions | typeof HELP {
  const flags = readFlags(argv);
  if (flags === HELP) return HELP;
  for (const required of ['master', 'zk', 'nodes']) {
    if (!flags.has(required)) throw new HelloUsageError(`--${required} is required: ${FLAGS[required]!.expected}`, required);
  }
  if (flags.has('command') && flags.has('executor')) {
    throw new HelloUsageError('--command and --executor exclude each other: a node runs either a shell command or the hello executor', 'executor');
  }
  const name = flags.get('name') ?? DEFAULT_FRAMEWORK_NAME;
  const port = (flag: string) => (flags.has(flag) ? Number(flags.get(flag)) : undefined);
  const executor = flags.has('executor');
  return {
    master: flags.get('master')!,
    ...splitZk(flags.get('zk')!, name),
    nodes: Number(flags.get('nodes')),
    name,
    command: executor ? undefined : (flags.get('command') ?? DEFAULT_COMMAND),
    executor,
    cpus: flags.has('cpus') ? Number(flags.get('cpus')) : DEFAULT_CPUS,
    memoryMb: flags.has('mem') ? Number(flags.get('mem')) : DEFAULT_MEMORY_MB,
    httpPort: port('http-port'),
    httpHost: flags.get('http-host') ?? '127.0.0.1',
    dashboardPort: port('dashboard-port'),
    zkSessionTimeoutMs: flags.has('zk-session-timeout-ms') ? Number(flags.get('zk-session-timeout-ms')) : undefined,
    logLevel: (flags.get('log-level') ?? 'info') as HelloOptions['logLevel'],
  };
}
