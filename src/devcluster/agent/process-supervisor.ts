/**
 * Runs one child process in its own process group and ends it the way a
 * Mesos containerizer does: SIGTERM to the whole group, then SIGKILL after a
 * grace period measured on the injected Clock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';

/** How a supervised process ended. */
export interface ProcessExit {
  /** Exit code when the process exited normally. */
  code: number | null;
  /** Signal name when a signal ended it. */
  signal: NodeJS.Signals | null;
  /** The POSIX wait status: `code << 8` for an exit, the signal number for a signal. */
  waitStatus: number;
}

/** What to run. `argv[0]` is passed as the program's argv[0] (it need not equal `file`). */
export interface ProcessSpec {
  file: string;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /** File descriptors for stdout and stderr (the sandbox's `stdout`/`stderr` files). */
  stdoutFd?: number;
  stderrFd?: number;
}

/** Encodes an exit as a POSIX wait status (what `Event.Failure.status` carries). */
export function toWaitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (signal !== null) return osConstants.signals[signal] ?? 0;
  return ((code ?? 0) & 0xff) << 8;
}

/**
 * One supervised child process.
 *
 * `started` resolves once the OS started it (rejects when spawning fails);
 * `exited` resolves when it ended. Signals always go to the process group, so
 * a shell's children die with it.
 */
export class SupervisedProcess {
  readonly started: Promise<number>;
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private killTimer: TimerHandle | undefined;
  private done = false;

  constructor(spec: ProcessSpec, private readonly clock: Clock, private readonly logger: Logger) {
    this.child = spawn(spec.file, spec.argv.slice(1), {
      argv0: spec.argv[0] ?? spec.file,
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', spec.stdoutFd ?? 'ignore', spec.stderrFd ?? 'ignore'],
    });
    // The agent may stop while its checkpointed children keep running; the
    // children must never keep the agent's own process alive either.
    this.child.unref();
    this.started = new Promise((resolve, reject) => {
      this.child.once('spawn', () => resolve(this.child.pid ?? -1));
      this.child.once('error', reject);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.done = true;
        this.killTimer?.cancel();
        resolve({ code, signal, waitStatus: toWaitStatus(code, signal) });
      });
      // A failed spawn emits 'error' and no 'exit'.
      this.child.once('error', () => {
        if (this.done || this.child.pid !== undefined) return;
        this.done = true;
        resolve({ code: 127, signal: null, waitStatus: toWaitStatus(127, null) });
      });
    });
    // Keep unhandled-rejection noise away when nobody awaits `started`.
    this.started.catch(() => undefined);
  }

  /** The OS process id (also the process group id), once started. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True once the process has ended. */
  get hasExited(): boolean {
    return this.done;
  }

  /** Sends `signal` to the whole process group. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.done) return;
    try {
      process.kill(-pid, signal);
    } catch (err) {
      // ESRCH: the group is already gone; the 'exit' event is on its way.
      this.logger.debug({ pid, signal, err: String(err) }, 'signal not delivered');
    }
  }

  /**
   * SIGTERM to the group, then SIGKILL after `gracePeriodMs` unless the process
   * exited. A zero grace period kills at once; while a grace period runs,
   * further calls with a non-zero period change nothing.
   */
  terminate(gracePeriodMs: number): void {
    if (this.done) return;
    if (gracePeriodMs <= 0) {
      this.kill();
      return;
    }
    if (this.killTimer !== undefined) return;
    this.signal('SIGTERM');
    this.killTimer = this.clock.setTimeout(() => this.kill(), gracePeriodMs);
  }

  /** SIGKILL to the group, now. */
  kill(): void {
    this.killTimer?.cancel();
    this.killTimer = undefined;
    this.signal('SIGKILL');
  }
}
