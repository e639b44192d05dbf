/**
 * A leader election whose scheduler can "crash" in-process: from the
 * outside world's view exactly what a killed process does. Its ZooKeeper
 * session is closed without any cleanup of its own (the member znode goes
 * with the session), it never rejoins, and its runtime stops acting at once
 * (which ends its Mesos stream: no TEARDOWN, the framework stays registered).
 */
import type { ElectionSource } from '../../../src/scheduler/runtime/runtime-options';
import { LeaderElection, ZkClient, type ElectionClient } from '../../../src/store';

export interface CrashableElection {
  election: ElectionSource;
  crash(): Promise<void>;
}

export function crashableElection(connectString: string, rootPath: string, sessionTimeoutMs = 4_000): CrashableElection {
  let client: ZkClient | undefined;
  let crashed = false;
  const deposed = new Set<(reason: string) => void>();
  const inner = new LeaderElection<ElectionClient>({
    // A dead process never reconnects.
    connect: () => (crashed ? new Promise<never>(() => undefined) : ZkClient.connect(connectString, { sessionTimeoutMs }).then((c) => (client = c))),
    rootPath,
  });
  const election: ElectionSource = {
    start: () => inner.start(),
    stop: () => inner.stop(),
    on: ((event: 'elected' | 'resumed' | 'suspended' | 'deposed', listener: (arg: never) => void) => {
      if (event === 'deposed') deposed.add(listener as (reason: string) => void);
      const off = inner.on(event, ((arg: never) => {
        if (!crashed) listener(arg);
      }) as never);
      return () => {
        deposed.delete(listener as (reason: string) => void);
        off();
      };
    }) as ElectionSource['on'],
  };
  return {
    election,
    async crash() {
      crashed = true;
      for (const listener of deposed) listener('crashed');
      await client?.close();
    },
  };
}
