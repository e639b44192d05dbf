/**
 * A Logger that keeps every line, so tests can read them back or wait for one
 * (what pino's test helper does with a sink).
 */
import type { LogFn, Logger } from '../../../src/util';

export interface LogLine {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

type Waiter = { predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void };

export class RecordingLogger implements Logger {
  readonly trace: LogFn;
  readonly debug: LogFn;
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
  readonly fatal: LogFn;

  constructor(
    readonly lines: LogLine[] = [],
    private readonly waiters: Waiter[] = [],
    private readonly bindings: Record<string, unknown> = {},
  ) {
    const at = (level: string): LogFn =>
      ((objOrMsg: Record<string, unknown> | string, msg?: string) => {
        const line: LogLine =
          typeof objOrMsg === 'string'
            ? { level, msg: objOrMsg, fields: { ...this.bindings } }
            : { level, msg: msg ?? '', fields: { ...this.bindings, ...objOrMsg } };
        this.lines.push(line);
        for (let i = this.waiters.length - 1; i >= 0; i--) {
          const waiter = this.waiters[i]!;
          if (!waiter.predicate(line)) continue;
          this.waiters.splice(i, 1);
          waiter.resolve(line);
        }
      }) as LogFn;
    this.trace = at('trace');
    this.debug = at('debug');
    this.info = at('info');
    this.warn = at('warn');
    this.error = at('error');
    this.fatal = at('fatal');
  }

  child(bindings: Record<string, unknown>): Logger {
    return new RecordingLogger(this.lines, this.waiters, { ...this.bindings, ...bindings });
  }

  /** Resolves with the first line (past or future) matching `predicate`. */
  waitFor(predicate: (line: LogLine) => boolean): Promise<LogLine> {
    const seen = this.lines.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  /** Resolves with the `n`th line (1-based) whose message is `msg`. */
  nth(msg: string, n: number): Promise<LogLine> {
    let seen = 0;
    return this.waitFor((line) => line.msg === msg && ++seen === n);
  }

  /** Resolves once the `n`th event of `type` from the agent was handled. */
  event(type: string, n = 1): Promise<LogLine> {
    let seen = 0;
    return this.waitFor((line) => line.msg === 'event from the agent' && line.fields.type === type && ++seen === n);
  }
}
