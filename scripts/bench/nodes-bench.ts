/**
 * Node runtime benchmark against a throwaway ZooKeeper: restore time of
 * 10,000 persisted node actors, heap per restored node actor (with history),
 * and persisted transitions per second through the state store.
 *
 * Exports `run()` for the benchmark runner. Run alone (compiled) with
 * `node --expose-gc nodes-bench.js`; without `--expose-gc` the heap figure is
 * only indicative.
 */
import { performance } from 'node:perf_hooks';
import { NodeRuntime, type CommandExecutor } from '../../src/nodes';
import { StoreLayout, ZkClient, bumpEpoch, openZookeeperStore } from '../../src/store';
import { startThrowawayZooKeeper } from '../../src/localzk';
import { ManualClock } from '../../src/util';

export interface NodesBenchRow {
  measure: string;
  target: string;
  result: string;
  pass?: boolean;
}

const NODE_COUNT = 10_000;
const ROUNDS = 6;
const ROOT = '/nodes-bench';

const noopExecutor: CommandExecutor = { launch() {}, kill() {}, acknowledge() {}, message() {} };

async function settle(runtime: NodeRuntime): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await runtime.settled();
  }
}

/** Every node: launched, ran, failed once, relaunched, running again (~10 history entries). */
async function populate(runtime: NodeRuntime, clock: ManualClock): Promise<void> {
  await runtime.createApp('bench');
  const adds = [];
  for (let i = 0; i < NODE_COUNT; i++) adds.push(runtime.addNode('bench', { options: { backoffInitialMs: 1_000 } }));
  await Promise.all(adds);
  const status = (taskId: string, state: string) =>
    runtime.routeStatus({ taskId, state: state as never, agentId: 'agent-1', uuid: Buffer.from(`${taskId}/${state}`).toString('base64') });
  for (const node of runtime.nodes.values()) {
    node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: `o-${node.nodeId}` });
    for (const s of ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_FAILED']) status(node.taskId, s);
  }
  await settle(runtime);
  clock.advance(1_000);
  for (const node of runtime.nodes.values()) {
    node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: `o2-${node.nodeId}` });
    for (const s of ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING']) status(node.taskId, s);
  }
  await settle(runtime);
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function run(): Promise<NodesBenchRow[]> {
  const server = await startThrowawayZooKeeper();
  const clients: ZkClient[] = [];
  const leaderStore = async () => {
    const client = await ZkClient.connect(server.connectString, { sessionTimeoutMs: 10_000 });
    clients.push(client);
    return openZookeeperStore({ client, rootPath: ROOT, epoch: await bumpEpoch(client, new StoreLayout(ROOT)) });
  };
  try {
    const clock = new ManualClock();
    const errors: Error[] = [];
    const onError = (e: Error) => void errors.push(e);
    const writer = new NodeRuntime({ store: await leaderStore(), executor: noopExecutor, clock, onError });
    await populate(writer, clock);
    writer.stop();
    if (errors.length > 0) throw new Error(`populating failed ${errors.length} times; first: ${errors[0]!.message} ${String((errors[0]!.cause as Error | undefined)?.message)}`);

    const before = heapUsed();
    const runtime = new NodeRuntime({ store: await leaderStore(), executor: noopExecutor, clock });
    const startedMs = performance.now();
    const report = await runtime.restore();
    const restoreMs = performance.now() - startedMs;
    const heapPerNodeBytes = (heapUsed() - before) / report.nodes;
    const historyLength = runtime.node('bench-0').snapshot.context.history.length;

    // Real state changes with no commands: pause and resume fresh nodes, one event per node per round.
    await runtime.createApp('tput');
    const fresh = [];
    for (let i = 0; i < NODE_COUNT; i++) fresh.push(runtime.addNode('tput'));
    const tputNodes = await Promise.all(fresh);
    await settle(runtime);
    const writesBefore = runtime.persister.writes;
    const t0 = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      const type = round % 2 === 0 ? 'pause' : 'resume';
      for (const node of tputNodes) node.send({ type });
      await runtime.settled();
    }
    const transitions = ROUNDS * NODE_COUNT;
    const perSecond = transitions / ((performance.now() - t0) / 1_000);
    const writes = runtime.persister.writes - writesBefore;
    runtime.stop();

    return [
      {
        measure: `restore ${report.nodes.toLocaleString('en')} node actors from ZooKeeper (read, migrate, rehydrate, re-arm)`,
        target: '≤ 1.5 s',
        result: `${(restoreMs / 1_000).toFixed(2)} s (${report.failures.length} failures, ${report.reconcile.length} to reconcile)`,
        pass: restoreMs <= 1_500 && report.nodes === NODE_COUNT,
      },
      {
        measure: `heap per restored node actor (history of ${historyLength} entries, timers armed)`,
        target: '≤ 8 KB',
        result: `${(heapPerNodeBytes / 1_024).toFixed(2)} KB${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: indicative)'}`,
        pass: heapPerNodeBytes <= 8 * 1_024,
      },
      {
        measure: `persisted transitions/s (${transitions.toLocaleString('en')} state changes over ${NODE_COUNT.toLocaleString('en')} nodes, each written)`,
        target: '≥ 20,000/s',
        result: `${Math.round(perSecond).toLocaleString('en')}/s (${writes.toLocaleString('en')} node+app writes)`,
        pass: perSecond >= 20_000,
      },
    ];
  } finally {
    for (const client of clients) await client.close().catch(() => undefined);
    await server.stop();
  }
}

if (require.main === module) {
  run().then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}

