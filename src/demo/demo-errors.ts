/**
 * The demo's failure modes, one class and stable code each.
 */
import { CatapultError } from '../util/catapult-error';

/** A malformed `catapult demo` command line; exit code 2. */
export class DemoUsageError extends CatapultError {
  constructor(message: string, readonly flag: string) {
    super('CATAPULT_DEMO_USAGE', message, { details: { flag } });
  }
}

/** The hello scheduler has not been compiled, so the demo has nothing to start. */
export class DemoNotBuiltError extends CatapultError {
  constructor(readonly script: string) {
    super('CATAPULT_DEMO_NOT_BUILT', `The hello scheduler is not built (${script} is missing); run \`npm run build\` first.`, { details: { script } });
  }
}

/** Something the demo waits for did not happen in time. */
export class DemoTimeoutError extends CatapultError {
  constructor(readonly what: string, timeoutMs: number, lastSeen?: string) {
    super('CATAPULT_DEMO_TIMEOUT', `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastSeen ? ` (last seen: ${lastSeen})` : ''}; the schedulers' logs are in the demo's log directory.`, {
      details: { what, timeoutMs, lastSeen },
    });
  }
}

/** A scheduler child process exited while the demo needed it. */
export class DemoSchedulerExitedError extends CatapultError {
  constructor(readonly label: string, code: number | null, signal: string | null, logFile: string) {
    super('CATAPULT_DEMO_SCHEDULER_EXITED', `Scheduler ${label} exited (${signal ?? `code ${code}`}) unexpectedly; see its log ${logFile}.`, {
      details: { label, code, signal, logFile },
    });
  }
}

/** The dashboard port is taken. */
export class DemoPortInUseError extends CatapultError {
  constructor(readonly port: number) {
    super('CATAPULT_DEMO_PORT_IN_USE', `Port ${port} is in use; pass --port <free port> (or --port 0 to pick one).`, { details: { port } });
  }
}
