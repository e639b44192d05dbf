/**
 * `catapult <command> [flags]`: dispatches to the subcommands in `./commands`.
 */
import type { CliCommand, CliIo } from './cli-command';

/** Subcommands, loaded lazily so that `catapult visualize` does not load the cluster. */
const COMMANDS: Record<string, { summary: string; load: () => CliCommand }> = {
  demo: { summary: 'Run the demo: ZooKeeper, a local cluster, the hello framework and a standby, with a failover', load: () => require('./commands/demo').command },
  local: { summary: 'Run a local Mesos-v1-compatible cluster (a master and agents) on loopback', load: () => require('./commands/local').command },
  visualize: { summary: 'Render diagrams of the lifecycle machines (svg, mermaid or dot)', load: () => require('./commands/visualize').command },
};

function overview(): string {
  const lines = ['Usage: catapult <command> [flags]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${summary}`);
  lines.push('', 'Run `catapult <command> --help` for the flags of a command.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`catapult: unknown command '${name}'.\n\n${overview()}`);
    return 2;
  }
  let command: CliCommand;
  try {
    command = entry.load();
  } catch (err) {
    io.stderr.write(`catapult: the '${name}' command is not available in this build: ${(err as Error).message}\n`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
    return 0;
  }
  return command.run(rest, io);
}
