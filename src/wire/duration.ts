/**
 * stout duration strings, as the agent writes them into executor environment
 * variables (`MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD=5secs`).
 */
import { DurationParseError } from './wire-errors';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  ms: 1,
  secs: 1000,
  mins: 60_000,
  hrs: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

const DURATION = /^(\d+(?:\.\d+)?|\.\d+)(ns|us|ms|secs|mins|hrs|days|weeks)$/;

/**
 * Parses a stout duration — a non-negative decimal number, possibly
 * fractional, immediately followed by one of `ns`, `us`, `ms`, `secs`, `mins`,
 * `hrs`, `days`, `weeks` — into milliseconds (possibly fractional for `ns`/`us`).
 * Surrounding whitespace is ignored. Throws {@link DurationParseError} otherwise.
 *
 * @example parseDurationMs('1.5mins') // 90000
 */
export function parseDurationMs(text: string): number {
  const match = DURATION.exec(typeof text === 'string' ? text.trim() : '');
  if (match === null) {
    throw new DurationParseError(
      `${JSON.stringify(text)} is not a duration: expected a number followed by ns, us, ms, secs, mins, hrs, days or weeks (e.g. 5secs, 1.5mins)`,
      { details: { text } },
    );
  }
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}
