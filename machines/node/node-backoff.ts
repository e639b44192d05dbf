import type { NodeContext } from './node-types';

/** The signature of the `relaunchBackoff` delay: ms to wait before the next relaunch. */
export type RelaunchBackoffFn = (args: { context: NodeContext; event: { type: string } }) => number;

/**
 * The default relaunch delay: `backoffInitialMs * 2^(failures-1)`, capped at
 * `backoffMaxMs`. Override it with
 * `nodeMachine.provide({ delays: { relaunchBackoff: ({ context }) => ... } })`.
 */
export const defaultRelaunchBackoff: RelaunchBackoffFn = ({ context }) => {
  const { backoffInitialMs, backoffMaxMs } = context.options;
  const exponent = Math.min(30, Math.max(0, context.failures - 1));
  return Math.min(backoffMaxMs, backoffInitialMs * 2 ** exponent);
};
