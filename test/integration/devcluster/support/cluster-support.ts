/**
 * Shared pieces of the end-to-end devcluster tests: a logger that keeps what
 * it is told, the echo executor as JSON ExecutorInfo, event timing, seeded
 * runs that print their seed when they fail, and bounded waits on files.
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Logger } from '../../../../src/util/logger';
import type { RawEvent, RawFramework, RawSubscription } from '../../../helpers/raw-mesos-client';

export const ECHO_EXECUTOR = resolve(__dirname, '../../../fixtures/executors/echo-executor.js');

export interface LogLine {
  level: string;
  obj: Record<string, unknown>;
  msg: string;
}

/** A Logger that records every line (children share the record). */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) =>
    ((objOrMsg: Record<string, unknown> | string, msg?: string) => {
      if (typeof objOrMsg === 'string') lines.push({ level, obj: {}, msg: objOrMsg });
      else lines.push({ level, obj: objOrMsg, msg: msg ?? '' });
    }) as Logger['info'];
  const logger: Logger = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal'), child: () => logger };
  return { logger, lines };
}

/** The echo executor as a JSON ExecutorInfo (`env` lands in CommandInfo.environment). */
export function echoExecutor(executorId: string, frameworkId: string | undefined, env: Record<string, string> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    executor_id: { value: executorId },
    ...(frameworkId === undefined ? {} : { framework_id: { value: frameworkId } }),
    command: {
      value: process.execPath,
      shell: false,
      arguments: ['node', ECHO_EXECUTOR],
      environment: { variables: Object.entries(env).map(([name, value]) => ({ name, value })) },
    },
    ...extra,
  };
}

/** Base64 of a UTF-8 string, as JSON carries bytes. */
export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Records the arrival time of every event of a subscription from now on. */
export function timeEvents(sub: RawSubscription): Array<{ at: number; event: RawEvent }> {
  const times: Array<{ at: number; event: RawEvent }> = [];
  sub.onEvent((event) => times.push({ at: Date.now(), event }));
  return times;
}

/** Waits for an UPDATE of `taskId` in `state` and returns its status. */
export async function statusOf(fw: RawFramework, taskId: string, state: string, from = 0): Promise<any> {
  return (await fw.update(taskId, state, from)).update.status;
}

/** Resolves once `path` exists, checking on every turn of the event loop (bounded). */
export async function waitForFile(path: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await access(path);
      return;
    } catch {
      if (Date.now() - started > timeoutMs) throw new Error(`${path} did not appear within ${timeoutMs} ms`);
      await new Promise((r) => setImmediate(r));
    }
  }
}

/** Runs `body`; when it fails, the error names the seed so the run can be replayed with SEED=<n>. */
export async function withSeed<T>(seed: number, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    process.stderr.write(`SEED=${seed} (replay with SEED=${seed})\n`);
    if (err instanceof Error) err.message = `[SEED=${seed}] ${err.message}`;
    throw err;
  }
}
