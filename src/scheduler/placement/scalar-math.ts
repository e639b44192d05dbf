/**
 * Scalar resource arithmetic in thousandths.
 *
 * Mesos keeps scalars as fixed-point numbers with three decimal digits, so
 * 0.1 + 0.2 cpus must be exactly 0.3 cpus after an offer has been split
 * between tasks. Working in integer thousandths keeps it exact.
 */

/** A scalar in thousandths of its unit (1 cpu = 1000). */
export type Thousandths = number;

/** Converts a scalar to thousandths, rounding away what Mesos would round away. */
export function toThousandths(value: number): Thousandths {
  return Math.round(value * 1000);
}

/** Converts thousandths back to the scalar Mesos expects. */
export function fromThousandths(value: Thousandths): number {
  return value / 1000;
}
