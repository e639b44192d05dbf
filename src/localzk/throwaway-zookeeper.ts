/**
 * Starts a throwaway ZooKeeper server from Debian's `zookeeper` package: a free
 * loopback port, a temporary data directory, removed again on stop.
 *
 * Used by the tests that need a real ZooKeeper, by `catapult demo` and by the
 * benchmarks. Readiness is a real `srvr` answer with a `Mode:` line, because
 * `ruok` answers `imok` before the database has loaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatapultError } from '../util/catapult-error';

export const DEFAULT_ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
const SLF4J_JARS = ['/usr/share/java/slf4j-nop.jar', '/usr/share/java/slf4j-simple.jar'];

/** ZooKeeper cannot be started here: the package is missing, or the server did not come up. */
export class ZooKeeperUnavailableError extends CatapultError {
  constructor(message: string, cause?: unknown) {
    super('CATAPULT_ZOOKEEPER_UNAVAILABLE', message, { cause });
  }
}

export interface ThrowawayZooKeeperOptions {
  /** Port to listen on; a free one when absent. */
  port?: number;
  /** ZooKeeper tick in ms; sessions are clamped to [2, 20] ticks. Default 500, so tests can expire sessions quickly. */
  tickTimeMs?: number;
  /** How long to wait for the server to serve. Default 20 s. */
  startTimeoutMs?: number;
  /** Path of zookeeper.jar. */
  jar?: string;
  /** JVM heap limit. Default `1g`: heavy multi pipelining runs a smaller heap out of memory. */
  maxHeap?: string;
}

export interface ThrowawayZooKeeper {
  /** `127.0.0.1:<port>` */
  readonly connectString: string;
  readonly port: number;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Stops the server (SIGKILL if it does not exit in 5 s) and removes its data. */
  stop(): Promise<void>;
  /** Freezes the server (SIGSTOP), as a GC pause or a hung host would; returns once every JVM thread is stopped. */
  freeze(): void;
  /** Resumes a frozen server (SIGCONT). */
  thaw(): void;
}

/** True when Debian's ZooKeeper package is installed. */
export function isZooKeeperInstalled(jar = DEFAULT_ZOOKEEPER_JAR): boolean {
  return existsSync(jar);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Sends a four-letter word and returns the answer ('' on any failure). */
export function fourLetterWord(port: number, word: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, done);
    socket.on('connect', () => socket.write(word));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', done);
    socket.on('error', () => resolve(''));
  });
}

export async function startThrowawayZooKeeper(options: ThrowawayZooKeeperOptions = {}): Promise<ThrowawayZooKeeper> {
  const jar = options.jar ?? DEFAULT_ZOOKEEPER_JAR;
  if (!isZooKeeperInstalled(jar)) {
    throw new ZooKeeperUnavailableError(
      `ZooKeeper is not installed (${jar} is missing). Install Debian's package with ` +
        '`apt-get install -y zookeeper`, or pass the connect string of a running ZooKeeper.',
    );
  }
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'catapult-zk-'));
  const tickTime = options.tickTimeMs ?? 500;
  const cfg = join(dataDir, 'zoo.cfg');
  writeFileSync(
    cfg,
    [
      `tickTime=${tickTime}`,
      `dataDir=${join(dataDir, 'data')}`,
      `clientPort=${port}`,
      'clientPortAddress=127.0.0.1',
      'maxClientCnxns=0',
      'admin.enableServer=false',
      '4lw.commands.whitelist=ruok,srvr,stat',
      'forceSync=no',
      '',
    ].join('\n'),
  );
  const slf4j = SLF4J_JARS.find((p) => existsSync(p));
  const classpath = [dataDir, jar, ...(slf4j ? [slf4j] : [])].join(':');
  const child = spawn(
    'java',
    ['-Xms64m', `-Xmx${options.maxHeap ?? '1g'}`, '-XX:+UseSerialGC', '-cp', classpath, 'org.apache.zookeeper.server.ZooKeeperServerMain', cfg],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-4000)));
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  child.once('error', () => undefined);

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (exited) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new ZooKeeperUnavailableError(`ZooKeeper exited during start-up: ${stderr.trim() || 'no output'}`);
    }
    const srvr = await fourLetterWord(port, 'srvr', 500);
    if (srvr.includes('Mode:')) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new ZooKeeperUnavailableError(`ZooKeeper did not serve on port ${port} within the start timeout. ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    connectString: `127.0.0.1:${port}`,
    port,
    dataDir,
    process: child,
    async stop() {
      if (!exited) {
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    freeze: () => freezeProcess(child),
    thaw: () => void child.kill('SIGCONT'),
  };
}

/** True when /proc shows every thread of `pid` stopped (or the process gone). */
function allThreadsStopped(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).every((tid) => {
      try {
        return /^State:\s+[Tt]/m.test(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'));
      } catch {
        return true; // the thread exited meanwhile
      }
    });
  } catch {
    return true;
  }
}

/**
 * One SIGSTOP was seen not to stop every JVM thread at once, leaving the
 * server answering requests a test expects to hang; so repeat it until /proc
 * shows every thread stopped.
 */
function freezeProcess(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    child.kill('SIGSTOP');
    if (allThreadsStopped(pid)) return;
  }
  throw new ZooKeeperUnavailableError(`ZooKeeper (pid ${pid}) did not stop after repeated SIGSTOPs`);
}
