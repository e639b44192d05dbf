/**
 * The deployer's main module:
 * `node dist/examples/deployer/main.js --master <url> --zk <host:port/chroot> --http-port <port>`.
 * Start two or more with the same flags for a highly available API.
 */
import pino from 'pino';
import type { Logger } from '../../src';
import { HelloUsageError, splitZk } from '../hello/args';
import { startDeployer } from './deployer';

const USAGE = `Usage: node dist/examples/deployer/main.js --master <url> --zk <host:port/chroot> --http-port <port> [flags]

Serves an HTTP API that deploys apps on Mesos: POST /apps, GET /apps,
GET /apps/:id, POST /apps/:id/scale, DELETE /apps/:id. Apps are kept in
ZooKeeper; a second deployer with the same --zk stands by and takes over.

  --master <url>           http://host:port or zk://host:port/mesos
  --zk <host:port/chroot>  ZooKeeper and the znode to keep state under (default chroot /catapult/<name>)
  --http-port <port>       Port of the API
  --http-host <addr>       Address of the API (default 127.0.0.1)
  --name <name>            Framework name (default deployer)
  -h, --help               Show this help
`;

const FLAGS = ['master', 'zk', 'http-port', 'http-host', 'name'];

function parse(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // Both `--flag value` and `--flag=value`, as the hello example takes them.
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(0, eq) : arg).replace(/^--/, '');
    if (!arg.startsWith('--') || !FLAGS.includes(name)) {
      throw new HelloUsageError(`unknown argument ${arg}: expected one of ${FLAGS.map((f) => `--${f}`).join(', ')}`, name);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new HelloUsageError(`--${name} needs a value`, name);
    flags.set(name, value);
  }
  for (const required of ['master', 'zk', 'http-port']) if (!flags.has(required)) throw new HelloUsageError(`--${required} is required`, required);
  if (!/^\d+$/.test(flags.get('http-port')!) || Number(flags.get('http-port')) > 65_535) throw new HelloUsageError('--http-port must be a port number between 0 and 65535', 'http-port');
  return flags;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void process.stdout.write(USAGE);
  let flags: Map<string, string>;
  try {
    flags = parse(argv);
  } catch (err) {
    process.stderr.write(`deployer: ${(err as Error).message}\nRun with --help for the flags.\n`);
    process.exit(2);
  }
  const name = flags.get('name') ?? 'deployer';
  const { zkConnect, zkRoot } = splitZk(flags.get('zk')!, name);
  const logger = pino({ base: { framework: name, pid: process.pid } }) as unknown as Logger;
  const deployer = await startDeployer({
    config: { frameworkName: name, zooKeeperInfo: { address: zkConnect, rootNode: zkRoot }, mesosInfo: { address: flags.get('master')! } },
    httpPort: Number(flags.get('http-port')),
    httpHost: flags.get('http-host'),
    logger,
  });
  const stop = () => void deployer.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await deployer.done;
}

main().catch((err: unknown) => {
  process.stderr.write(`deployer: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
