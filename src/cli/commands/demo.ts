/**
 * `catapult demo`: the first thing to run after `npm install`. Starts
 * ZooKeeper, a local cluster and two hello schedulers (leader and standby),
 * prints the dashboard URL, then fails a task and the leader, narrating
 * what catapult does about each. Ctrl-C stops everything it started.
 */
import pino from 'pino';
import type { CliCommand, CliIo } from '../cli-command';
import { DEMO_USAGE, parseDemoArgs, type DemoOptions } from '../../demo/demo-options';
import { DemoUsageError } from '../../demo/demo-errors';
import { DemoSession } from '../../demo/demo-session';
import { isCatapultError } from '../../util/catapult-error';
import { systemClock } from '../../util/clock';
import type { Logger } from '../../util/logger';

/** Resolves when the user presses Ctrl-C (or the process gets SIGTERM). */
function interrupted(): { promise: Promise<string>; dispose: () => void } {
  let dispose = () => undefined as void;
  const promise = new Promise<string>((resolve) => {
    const on = (signal: string) => () => resolve(signal);
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    dispose = () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
  });
  return { promise, dispose };
}

async function runDemo(options: DemoOptions, io: CliIo): Promise<number> {
  const out = (line: string) => void io.stdout.write(line + '\n');
  const logger = pino({ level: 'warn', base: { component: 'local-cluster' } }, pino.destination(2)) as unknown as Logger;
  const session = new DemoSession(options, { clock: systemClock, logger, out });
  const signal = interrupted();
  const stop = async (why: string) => {
    out(`${why}: stopping the schedulers, the local cluster${options.zk ? '' : ' and ZooKeeper'}`);
    await session.stop();
    out('stopped');
  };
  try {
    const script = (async () => {
      await session.start();
      if (!options.faults) return 'ready';
      out('');
      if (options.faultDelaySeconds > 0) {
        out(`Open the dashboard now: the first fault comes in ${options.faultDelaySeconds} s.`);
        await new Promise((resolve) => setTimeout(resolve, options.faultDelaySeconds * 1000));
      }
      await session.runFaults();
      return 'shown';
    })();
    const first = await Promise.race([script, signal.promise]);
    if (first === 'SIGINT' || first === 'SIGTERM') {
      await stop(first);
      return 0;
    }
    if (options.exitAfterDemo) {
      await stop('demo shown');
      return 0;
    }
    out('\nPress Ctrl-C to stop.');
    await stop(await signal.promise);
    return 0;
  } catch (err) {
    io.stderr.write(`catapult demo: ${isCatapultError(err) ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    await session.stop().catch(() => undefined);
    return 1;
  } finally {
    signal.dispose();
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseDemoArgs(argv);
  } catch (err) {
    if (!(err instanceof DemoUsageError)) throw err;
    io.stderr.write(`catapult demo: ${err.message}\nRun \`catapult demo --help\` for the flags.\n`);
    return 2;
  }
  return runDemo(options, io);
}

export const command: CliCommand = {
  name: 'demo',
  summary: 'Run the demo: ZooKeeper, a local cluster, the hello framework and a standby, with a failover',
  usage: DEMO_USAGE,
  run,
};
