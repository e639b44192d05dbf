/**
 * Durations as the agent prints them (stout's format) and as `DurationInfo`
 * carries them.
 */
import type { mesos } from '../../../proto/gen/mesos';

const UNITS: Array<[string, number]> = [
  ['weeks', 7 * 24 * 3_600_000],
  ['days', 24 * 3_600_000],
  ['hrs', 3_600_000],
  ['mins', 60_000],
  ['secs', 1_000],
  ['ms', 1],
];

/** Formats milliseconds in the largest unit that yields a whole number: `5secs`, `1500ms`, `15mins`. */
export function formatStoutDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole === 0) return '0ns';
  for (const [unit, size] of UNITS) {
    if (whole % size === 0) return `${whole / size}${unit}`;
  }
  return `${whole}ms`;
}

/** Milliseconds of a `DurationInfo`, or `undefined` when it is absent. */
export function durationInfoToMs(duration: mesos.v1.IDurationInfo | null | undefined): number | undefined {
  if (duration === null || duration === undefined) return undefined;
  const nanos = Number(duration.nanoseconds);
  return Number.isFinite(nanos) ? Math.max(0, nanos / 1e6) : undefined;
}
