/**
 * A status update is acknowledged only once the transition it caused is
 * durable: with the store's write held, no ACKNOWLEDGE leaves.
 */
import { LeaderTerm } from '../../../../src/scheduler/runtime/leader-term';
import { MetricsRecorder } from '../../../../src/scheduler/runtime/runtime-metrics';
import type { SubscriptionClient } from '../../../../src/scheduler/runtime/mesos-connection';
import { openMemoryStore, type StateStore, type StoreWrite } from '../../../../src/store';
import { ManualClock, seededRandom, silentLogger } from '../../../../src/util';
import { mesos, schedulerCallTypeName, type SchedulerCall, type SchedulerEvent } from '../../../../src/wire';

function fakeClient() {
  const calls: SchedulerCall[] = [];
  let listener: ((event: SchedulerEvent, generation: number) => void) | undefined;
  const client: SubscriptionClient = {
    subscribe: async () => ({ generation: 1, frameworkId: 'fw-1', streamId: 's', url: 'http://m', heartbeatIntervalSeconds: 15, heartbeatTimeoutMs: 75_000, masterInfo: {}, eventEncoding: 'json' }),
    send: async (call) => void calls.push(call),
    onEvent: (l) => ((listener = l), () => undefined),
    onDisconnected: () => () => undefined,
    disconnect: () => undefined,
  };
  return { client, calls, emit: (event: SchedulerEvent) => listener?.(event, 1), types: () => calls.map((c) => schedulerCallTypeName(c.type)) };
}

/** A store whose commits wait while `held` is set. */
function gated(store: StateStore) {
  const gate = { held: false, waiting: [] as Array<() => void> };
  const commit = store.commit.bind(store);
  store.commit = (writes: readonly StoreWrite[]) =>
    gate.held ? new Promise<void>((resolve, reject) => gate.waiting.push(() => commit(writes).then(resolve, reject))) : commit(writes);
  return { gate, release: () => ((gate.held = false), gate.waiting.splice(0).forEach((go) => go())) };
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

describe('acknowledgements', () => {
  it('are sent only after the transition is persisted', async () => {
    const clock = new ManualClock();
    const store = await openMemoryStore();
    const { gate, release } = gated(store);
    const fake = fakeClient();
    const term = new LeaderTerm({
      runtime: {
        frameworkInfo: { name: 't', user: 'u', roles: ['*'], failoverTimeoutSeconds: 60 },
        zooKeeper: { connectString: 'unused:1', rootPath: '/catapult' },
        masters: 'http://m:5050',
        clock,
        random: seededRandom(1),
        logger: silentLogger,
      },
      store,
      client: fake.client,
      metrics: new MetricsRecorder(),
      onChange: () => undefined,
      onFrameworkRemoved: () => undefined,
    });
    await term.start();
    await flush();
    expect(term.subscribed).toBe(true);
    await term.api.createApp('web', { name: 'web', typeName: 'SchedulerApp' });
    await term.api.addNode('web', { typeName: 'SchedulerNode', infoJson: JSON.stringify({ scheduler_container: { name: 'w', cpus: 0.1, memory: 32, command: 'sleep 1' } }) });
    await flush();

    gate.held = true;
    const uuid = new Uint8Array(16).fill(7);
    fake.emit({
      type: mesos.v1.scheduler.Event.Type.UPDATE,
      update: { status: { task_id: { value: 'web-0.1' }, state: mesos.v1.TaskState.TASK_RUNNING, agent_id: { value: 'a1' }, uuid } },
    });
    await flush();
    expect(gate.waiting.length).toBeGreaterThan(0);
    expect(fake.types()).not.toContain('ACKNOWLEDGE');

    release();
    await flush();
    const ack = fake.calls.find((c) => schedulerCallTypeName(c.type) === 'ACKNOWLEDGE');
    expect(ack?.acknowledge).toMatchObject({ agent_id: { value: 'a1' }, task_id: { value: 'web-0.1' } });
    expect(Buffer.from(ack!.acknowledge!.uuid as Uint8Array)).toEqual(Buffer.from(uuid));
    term.stop();
  });
});
