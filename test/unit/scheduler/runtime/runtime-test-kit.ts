/** A leader term on a memory store and a fake Mesos client, for runtime unit tests. */
import { LeaderTerm } from '../../../../src/scheduler/runtime/leader-term';
import { MetricsRecorder } from '../../../../src/scheduler/runtime/runtime-metrics';
import type { SubscriptionClient } from '../../../../src/scheduler/runtime/mesos-connection';
import type { SchedulerRuntimeOptions } from '../../../../src/scheduler/runtime/runtime-options';
import type { RuntimeChange } from '../../../../src/scheduler/runtime/runtime-changes';
import { openMemoryStore } from '../../../../src/store';
import { ManualClock, seededRandom, silentLogger } from '../../../../src/util';
import { schedulerCallTypeName, type SchedulerCall, type SchedulerEvent } from '../../../../src/wire';

export function fakeClient() {
  const calls: SchedulerCall[] = [];
  let listener: ((event: SchedulerEvent, generation: number) => void) | undefined;
  const client: SubscriptionClient = {
    subscribe: async () => ({ generation: 1, frameworkId: 'fw-1', streamId: 's', url: 'http://m', heartbeatIntervalSeconds: 15, heartbeatTimeoutMs: 75_000, masterInfo: {}, eventEncoding: 'json' }),
    send: async (call) => void calls.push(call),
    onEvent: (l) => ((listener = l), () => undefined),
    onDisconnected: () => () => undefined,
    disconnect: () => undefined,
  };
  return {
    client,
    calls,
    emit: (event: SchedulerEvent) => listener?.(event, 1),
    of: (type: string) => calls.filter((c) => schedulerCallTypeName(c.type) === type),
  };
}

/** Lets queued promise callbacks and immediates run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** A started term, subscribed as fw-1. */
export async function startTerm(options: Partial<SchedulerRuntimeOptions> = {}) {
  const clock = new ManualClock();
  const store = await openMemoryStore();
  const fake = fakeClient();
  const changes: RuntimeChange[] = [];
  const metrics = new MetricsRecorder();
  const term = new LeaderTerm({
    runtime: {
      frameworkInfo: { name: 't', user: 'u', roles: ['*'], failoverTimeoutSeconds: 60 },
      zooKeeper: { connectString: 'unused:1', rootPath: '/catapult' },
      masters: 'http://m:5050',
      clock,
      random: seededRandom(1),
      logger: silentLogger,
      ...options,
    },
    store,
    client: fake.client,
    metrics,
    onChange: (change) => changes.push(change),
    onFrameworkRemoved: () => undefined,
  });
  await term.start();
  await flush();
  return { term, clock, store, fake, changes, metrics };
}
