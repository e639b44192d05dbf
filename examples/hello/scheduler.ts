/**
 * The hello scheduler's main module: `node dist/examples/hello/scheduler.js --help`.
 *
 * One app of `--nodes` nodes on Mesos, its state under the `--zk` chroot.
 * Start two with the same flags: one leads, the other stands by and takes
 * over (with every node) when the leader stops or dies.
 */
import pino from 'pino';
import type { Logger } from '../../src';
import { HELLO_USAGE, HELP, HelloUsageError, parseHelloArgs, type HelloOptions } from './args';
import { startHelloScheduler } from './hello-scheduler';

function parseOrExit(argv: string[]): HelloOptions {
  try {
    const parsed = parseHelloArgs(argv);
    if (parsed !== HELP) return parsed;
    process.stdout.write(HELLO_USAGE);
    process.exit(0);
  } catch (err) {
    if (!(err instanceof HelloUsageError)) throw err;
    process.stderr.write(`hello: ${err.message}\nRun with --help for the flags.\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const options = parseOrExit(process.argv.slice(2));
  const logger = pino({ level: options.logLevel, base: { framework: options.name, pid: process.pid } }) as unknown as Logger;
  const scheduler = await startHelloScheduler(options, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: leaving the election so a standby takes over');
    scheduler.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stopped with an error');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const code = await scheduler.done;
  if (!stopping) process.exit(code);
}

main().catch((err: unknown) => {
  process.stderr.write(`hello: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
