/**
 * One hello scheduler as a child process of the demo: started with its own
 * `--http-port` and `--dashboard-port`, its output appended to a log file,
 * its leadership and state read over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DemoNotBuiltError, DemoSchedulerExitedError } from './demo-errors';
import { getJson } from './poll';

/** What the hello scheduler serves at `/api/state` (the fields the demo reads). */
export interface HelloState {
  leading: boolean;
  frameworkId?: string;
  apps: Array<{
    id?: string;
    name: string;
    nodes: Array<{
      id?: string;
      state: string;
      incarnation?: number;
      taskId?: string;
      agentId?: string;
      history: Array<{ at: number; from: string | null; to: string }>;
    }>;
  }>;
}

/** The compiled hello scheduler, found from the package root (this file runs from `dist/src/demo`). */
export function helloSchedulerScript(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && resolve(dir, '..') !== dir) dir = resolve(dir, '..');
  const script = join(dir, 'dist', 'examples', 'hello', 'scheduler.js');
  if (!existsSync(script)) throw new DemoNotBuiltError(script);
  return script;
}

export interface SchedulerProcessOptions {
  /** A short name for narration and the log file, e.g. `a`. */
  label: string;
  /** Arguments of the hello scheduler besides the ports. */
  args: string[];
  httpPort: number;
  dashboardPort: number;
  logDir: string;
  script?: string;
}

/** A running hello scheduler child. */
export class SchedulerProcess {
  readonly logFile: string;
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private exit: { code: number | null; signal: string | null } | undefined;

  constructor(readonly options: SchedulerProcessOptions) {
    const script = options.script ?? helloSchedulerScript();
    this.logFile = join(options.logDir, `scheduler-${options.label}.log`);
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const args = [script, ...options.args, '--http-port', String(options.httpPort), '--dashboard-port', String(options.dashboardPort)];
    this.child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.pipe(log, { end: false });
    this.child.stderr?.pipe(log, { end: false });
    this.exited = new Promise((resolveExit) =>
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        log.end();
        resolveExit();
      }),
    );
    this.child.once('error', () => undefined);
  }

  get label(): string {
    return this.options.label;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  get stateUrl(): string {
    return `http://127.0.0.1:${this.options.httpPort}/api/state`;
  }

  get dashboardPort(): number {
    return this.options.dashboardPort;
  }

  get httpPort(): number {
    return this.options.httpPort;
  }

  /** The error to report if the child exited; undefined while it runs. */
  exitError(): Error | undefined {
    return this.exit ? new DemoSchedulerExitedError(this.label, this.exit.code, this.exit.signal, this.logFile) : undefined;
  }

  /** The scheduler's `/api/state`. */
  state(): Promise<HelloState> {
    return getJson<HelloState>(this.stateUrl);
  }

  /** True when the scheduler answers that it leads. */
  async isLeading(): Promise<boolean> {
    if (!this.alive) return false;
    const health = await getJson<{ role?: string }>(`http://127.0.0.1:${this.options.httpPort}/health`, 1_000);
    return health.role === 'leader';
  }

  /** Sends `signal` and resolves once the child has exited. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (!this.alive) return;
    this.child.kill(signal);
    await this.exited;
  }
}
