/**
 * The logging seam. Library code takes a {@link Logger} (pino's shape: a
 * merging object first, then a message) and never constructs pino itself;
 * only entry points (CLI, examples) do.
 */
export interface LogFn {
  (obj: Record<string, unknown>, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

const noop = (() => undefined) as LogFn;

/** A logger that drops everything; the default when none is given. */
export const silentLogger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
  child: () => silentLogger,
};
