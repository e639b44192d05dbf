/**
 * `catapult` as a real child process, run from the TypeScript sources through
 * fixtures/catapult-cli.js, with waits on its output and its exit, and a look
 * at its process tree in /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const LAUNCHER = resolve(__dirname, '../fixtures/catapult-cli.js');

export interface CliProcess {
  readonly child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves with the first match of `pattern` in stdout, waiting for it if needed. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Starts `catapult <args>`; `kill()` it in the test's cleanup. */
export function spawnCli(args: string[]): CliProcess {
  const child = spawn(process.execPath, [LAUNCHER, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: resolve(__dirname, '../../../..') });
  let out = '';
  let err = '';
  const watchers: Array<() => void> = [];
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    watchers.forEach((w) => w());
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | string>((done) => child.on('exit', (code, signal) => done(code ?? signal ?? -1)));
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    waitForOutput: (pattern, timeoutMs = 20_000) =>
      new Promise((resolveMatch, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(out);
          if (!match) return;
          clearTimeout(timer);
          watchers.splice(watchers.indexOf(check), 1);
          resolveMatch(match);
        };
        watchers.push(check);
        void exited.then(() => {
          if (!pattern.exec(out)) {
            clearTimeout(timer);
            reject(new Error(`exited without ${pattern}; stdout: ${out}; stderr: ${err}`));
          }
        });
        check();
      }),
  };
}

/** Every process below `pid` (children, grandchildren, ...), from /proc. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parentOf) if (ppid === parent) (out.push(child), walk(child));
  };
  walk(pid);
  return out;
}

/** True while `pid` exists (zombies included). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
