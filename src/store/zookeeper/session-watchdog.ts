/**
 * A liveness probe for a ZooKeeper session.
 *
 * ZooKeeper's JS client has no read timeout: a frozen or partitioned server
 * leaves it "connected" forever. Every sessionTimeout/3 the watchdog sends a
 * cheap `exists('/')`; if the client still believes it is connected and no
 * answer came within sessionTimeout/2, it reports a stall once and stops.
 * Probes are skipped while disconnected (the connection events cover that).
 */
import type { Clock, TimerHandle } from '../../util/clock';
import type { ZnodeBackend } from '../znode-backend';
import type { ZkClientState } from './zk-client';

/** What the watchdog needs of a client. */
export interface ProbedClient {
  readonly state: ZkClientState;
  readonly sessionTimeoutMs: number;
  exists: ZnodeBackend['exists'];
}

/** Starts probing; `onStall(budgetMs)` runs at most once. Returns the stop function. */
export function startSessionWatchdog(client: ProbedClient, clock: Clock, onStall: (budgetMs: number) => void): () => void {
  let stopped = false;
  let timers: TimerHandle[] = [];
  const later = (fn: () => void, delayMs: number) => {
    if (!stopped) timers.push(clock.setTimeout(fn, delayMs));
  };
  const intervalMs = () => Math.max(1, Math.floor(client.sessionTimeoutMs / 3));
  const tick = () => {
    timers = [];
    if (stopped) return;
    if (client.state !== 'connected') return later(tick, intervalMs());
    const budgetMs = Math.floor(client.sessionTimeoutMs / 2);
    let answered = false;
    const overdue = clock.setTimeout(() => {
      if (answered || stopped || client.state !== 'connected') return;
      stopped = true;
      onStall(budgetMs);
    }, budgetMs);
    const settle = () => {
      answered = true;
      overdue.cancel();
      later(tick, intervalMs());
    };
    // Failures other than slowness (connection loss) are the connection events' business.
    client.exists('/').then(settle, settle);
  };
  later(tick, intervalMs());
  return () => {
    stopped = true;
    for (const timer of timers) timer.cancel();
    timers = [];
  };
}
