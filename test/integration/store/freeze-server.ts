/**
 * Freezes a throwaway ZooKeeper and waits until every JVM thread is really
 * stopped. A single SIGSTOP (ThrowawayZooKeeper.freeze) was observed not to
 * stop the server now and then, letting it answer requests a test expects
 * to hang; so this re-sends it until /proc shows every thread stopped.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { ThrowawayZooKeeper } from '../../../src/localzk';

function allThreadsStopped(pid: number): boolean {
  return readdirSync(`/proc/${pid}/task`).every((tid) => {
    try {
      return /^State:\s+[Tt]/m.test(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'));
    } catch {
      return true; // the thread exited meanwhile
    }
  });
}

export async function freezeServer(server: ThrowawayZooKeeper): Promise<void> {
  const pid = server.process.pid;
  if (pid === undefined) throw new Error('ZooKeeper has no pid');
  for (let attempt = 0; attempt < 1_000; attempt++) {
    server.freeze();
    await new Promise((resolve) => setImmediate(resolve));
    if (allThreadsStopped(pid)) return;
  }
  throw new Error(`ZooKeeper (pid ${pid}) did not stop after repeated SIGSTOPs`);
}
