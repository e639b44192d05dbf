/**
 * Issue 4, node runtime, against a throwaway ZooKeeper: persisted
 * transitions per second, restore of 10,000 node actors, heap per node actor
 * (history included), and whether a per-node operation costs the same in an
 * app of 100 nodes as in an app of 10,000 (the app parent must not stall).
 *
 * Every figure is the median of REPEATS, measured side by side with its
 * baseline in the same run: a bare-ZkClient multi of 100 setData, a bare
 * getData × 10,000, a bare xstate actor of the same machine and snapshot.
 * Envelope rows compare format 1 (the JSON object) and format 2 (compact) of
 * the same snapshots, and the store's write rate with either's bytes.
 *
 * Exports `run()` for the runner. `--expose-gc` is not needed (bench-util).
 */
import { performance } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import { createActor, type AnyActor } from 'xstate';
import { currentTaskId, loadEnvelope, nodeMachine, toEnvelope, NODE_MACHINE_ID, NODE_MACHINE_VERSION } from '../../machines';
import { encodeActorEnvelope, encodeEnvelope, encodeEnvelopeJson } from '../../machines/snapshot-envelope';
import { NodeRuntime, type CommandExecutor } from '../../src/nodes';
import { StoreLayout, ZkClient, bumpEpoch, nodeKey, openZookeeperStore, putRecord, type RecordStore } from '../../src/store';
import { startThrowawayZooKeeper } from '../../src/localzk';
import { ManualClock } from '../../src/util';
import type { BenchRow } from './run';
import { fmtRange, heapAfterGc, median, rawGetAll, rawMultiRate, tick } from './bench-util';

const NODE_COUNT = 10_000;
const SMALL_APP = 100;
const ROUNDS = 6;
const REPEATS = 3;
const ROOT = '/nodes-bench';
/** Payload of the raw multi baseline: about a node record (~0.7–1 KB). */
const RAW_BYTES = 1_024;

const noopExecutor: CommandExecutor = { launch() {}, kill() {}, acknowledge() {}, message() {} };
const progress = (what: string) => void (process.env['BENCH_LOG'] && process.stderr.write(`${(performance.now() / 1000).toFixed(1)} s nodes-bench: ${what}\n`));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function settle(runtime: NodeRuntime): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await tick();
    await runtime.settled();
  }
}

/** Every node: launched, ran, failed once, relaunched, running again (~10 history entries). Chunked, so ZooKeeper pings get through. */
async function populate(runtime: NodeRuntime, clock: ManualClock): Promise<void> {
  await runtime.createApp('bench');
  for (let start = 0; start < NODE_COUNT; start += 1_000) {
    const adds = [];
    for (let i = start; i < Math.min(NODE_COUNT, start + 1_000); i++) adds.push(runtime.addNode('bench', { options: { backoffInitialMs: 1_000 } }));
    await Promise.all(adds);
  }
  const status = (taskId: string, state: string) =>
    runtime.routeStatus({ taskId, state: state as never, agentId: 'agent-1', uuid: Buffer.from(`${taskId}/${state}`).toString('base64') });
  const phase = async (offer: string, states: string[]) => {
    let n = 0;
    for (const node of runtime.nodes.values()) {
      node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: `${offer}-${node.nodeId}` });
      for (const s of states) status(node.taskId, s);
      if (++n % 500 === 0) await settle(runtime);
    }
    await settle(runtime);
  };
  await phase('o1', ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_FAILED']);
  clock.advance(1_000);
  await phase('o2', ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING']);
}

/** Pause/resume every node of `nodes` `rounds` times, each round persisted; returns ms. */
async function pauseResume(runtime: NodeRuntime, nodes: ReadonlyArray<{ send(e: { type: 'pause' | 'resume' }): void }>, rounds: number): Promise<number> {
  const t0 = performance.now();
  for (let round = 0; round < rounds; round++) {
    const type = round % 2 === 0 ? 'pause' : 'resume';
    for (const node of nodes) node.send({ type });
    await runtime.settled();
  }
  return performance.now() - t0;
}

/** A running node as a production cluster makes it (Mesos-style ids, 16-byte uuids), with `entries` history entries. */
function realisticNode(entries: number) {
  const agentId = 'a3f1c2d4-5e6f-4a1b-9c8d-7e6f5a4b3c2d-S12';
  let at = 1_700_000_000_000;
  let seq = 0;
  const actor = createActor(nodeMachine, { input: { appId: 'web', nodeId: 'web-1234', at } }).start();
  const ctx = () => actor.getSnapshot().context;
  const status = (state: string) =>
    actor.send({ type: 'task.status', taskId: currentTaskId(ctx()), state: state as never, agentId, uuid: Buffer.alloc(16, ++seq).toString('base64'), at });
  const drain = () => ctx().outbox.map((c) => c.id).forEach((id) => actor.send({ type: 'command.done', id, at }));
  const launch = () => {
    actor.send({ type: 'offer.matched', agentId, hostname: 'mesos-agent-12.dc1.example.com', offerId: `${agentId.slice(0, -4)}-O${at}`, at });
    ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING'].forEach(status);
    drain();
  };
  launch();
  while (ctx().history.length < Math.max(entries, 5)) {
    at += 60_000;
    status('TASK_FAILED');
    drain();
    at = ctx().deadlines.relaunch!;
    actor.send({ type: 'timer', name: 'relaunch', at });
    launch();
  }
  const persisted = actor.getPersistedSnapshot() as unknown as { context: { history: unknown[] } };
  const snapshot = { ...persisted, context: { ...persisted.context, history: persisted.context.history.slice(-entries || Infinity).slice(0, entries) } };
  return { actor, envelope: toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, snapshot, { template: 'web' }) };
}

/** µs per call, median of REPEATS timed loops. */
function microseconds(fn: () => unknown, calls = 10_000): number {
  for (let i = 0; i < calls / 4; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / calls);
  }
  return median(samples);
}

/** Envelope bytes, format 1 (JSON object) vs format 2 (compact), of the same snapshots. */
function envelopeBytesRows(): BenchRow[] {
  return [0, 12, 50].map((entries) => {
    const { envelope } = realisticNode(entries);
    const json = Buffer.from(encodeEnvelopeJson(envelope));
    const compact = Buffer.from(encodeEnvelope(envelope));
    return {
      measure: `envelope bytes, running node with ${entries} history entries (format 1 → format 2; deflateRaw of each for comparison)`,
      result: `${fmt(json.length)} B → ${fmt(compact.length)} B (${(compact.length / json.length).toFixed(2)}×)`,
      comparison: `deflated: ${fmt(deflateRawSync(json).length)} B → ${fmt(deflateRawSync(compact).length)} B`,
    };
  });
}

/** Encode and decode µs of a 12-entry node envelope, both formats; `heap` says what else is live. */
function envelopeCodecRows(heap: string): BenchRow[] {
  const { actor, envelope } = realisticNode(12);
  const json = Buffer.from(encodeEnvelopeJson(envelope));
  const compact = Buffer.from(encodeEnvelope(envelope));
  const persisted = () => toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, actor.getPersistedSnapshot(), envelope.meta);
  const us = (x: number) => `${x.toFixed(1)} µs`;
  const encodeJson = microseconds(() => Buffer.from(encodeEnvelopeJson(persisted())));
  const encodeCompact = microseconds(() => Buffer.from(encodeEnvelope(persisted())));
  const encodeLive = microseconds(() => Buffer.from(encodeActorEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, actor, envelope.meta)));
  const deflate = microseconds(() => deflateRawSync(compact));
  return [
    {
      measure: `encode one node envelope from its actor (12 history entries; getPersistedSnapshot + encode + Buffer), ${heap} — median of ${REPEATS}`,
      result: `format 2: ${us(encodeCompact)}; encodeActorEnvelope (skips getPersistedSnapshot): ${us(encodeLive)}`,
      comparison: `format 1: ${us(encodeJson)}; deflateRaw of the format 2 bytes would add ${us(deflate)} per write`,
    },
    {
      measure: `decode one node envelope (loadEnvelope of bytes, 12 history entries), ${heap} — median of ${REPEATS}`,
      result: `format 2: ${us(microseconds(() => loadEnvelope(compact)))}`,
      comparison: `format 1: ${us(microseconds(() => loadEnvelope(json)))}`,
    },
  ];
}

/** Store writes/s for the given records, all submitted at once (as the persister does after a burst). */
async function storeWriteRate(store: RecordStore, records: ReadonlyArray<readonly [string, Uint8Array]>): Promise<number> {
  const t0 = performance.now();
  await Promise.all(records.map(([nodeId, data]) => store.commit([putRecord(nodeKey('bench', nodeId), data)])));
  return (records.length / (performance.now() - t0)) * 1000;
}

/** The restored nodes' records written as format 1 and as format 2, alternately, through the store. */
async function recordBytesRow(store: RecordStore, snapshots: readonly unknown[]): Promise<BenchRow> {
  await store.readNodes('bench'); // refreshes the versions the raw baselines moved
  const ids = snapshots.map((snapshot) => (snapshot as { context: { nodeId: string } }).context.nodeId);
  const envelopes = snapshots.map((snapshot) => toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, snapshot, null));
  const compact = envelopes.map((e, i) => [ids[i]!, Buffer.from(encodeEnvelope(e))] as const);
  const json = envelopes.map((e, i) => [ids[i]!, Buffer.from(encodeEnvelopeJson(e))] as const);
  const compactRates: number[] = [];
  const jsonRates: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    jsonRates.push(await storeWriteRate(store, json));
    compactRates.push(await storeWriteRate(store, compact));
  }
  const bytes = (rs: ReadonlyArray<readonly [string, Uint8Array]>) => median(rs.map(([, d]) => d.length));
  return {
    measure: `store writes/s of the ${fmt(ids.length)} node records (coalesced multis), format 2 vs format 1 bytes, alternated — median of ${REPEATS}`,
    result: `${fmt(median(compactRates))}/s at ${fmt(bytes(compact))} B (${fmtRange(compactRates, fmt)})`,
    comparison: `format 1: ${fmt(median(jsonRates))}/s at ${fmt(bytes(json))} B (${fmtRange(jsonRates, fmt)})`,
  };
}

export async function run(): Promise<BenchRow[]> {
  const envelopeRows = [...envelopeBytesRows(), ...envelopeCodecRows('small heap')];
  const server = await startThrowawayZooKeeper();
  const clients: ZkClient[] = [];
  const connect = async () => {
    const client = await ZkClient.connect(server.connectString, { sessionTimeoutMs: 10_000 });
    clients.push(client);
    return client;
  };
  const leaderStore = async (): Promise<{ client: ZkClient; store: RecordStore }> => {
    const client = await connect();
    return { client, store: await openZookeeperStore({ client, rootPath: ROOT, epoch: await bumpEpoch(client, new StoreLayout(ROOT)) }) };
  };
  try {
    const clock = new ManualClock();
    const errors: Error[] = [];
    const onError = (e: Error) => void errors.push(e);
    const writer = new NodeRuntime({ store: (await leaderStore()).store, executor: noopExecutor, clock, onError });
    await populate(writer, clock);
    progress('populated');
    writer.stop();
    if (errors.length > 0) throw new Error(`populating failed ${errors.length} times; first: ${errors[0]!.message} ${String((errors[0]!.cause as Error | undefined)?.message)}`);
    const nodesDir = new StoreLayout(ROOT).nodesDir('bench');
    const paths = [...writer.nodes.keys()].map((id) => `${nodesDir}/${id}`);

    // --- restore, heap --------------------------------------------------------
    const restoreMs: number[] = [];
    const rawReadMs: number[] = [];
    const restoreRatio: number[] = [];
    const heapPerNode: number[] = [];
    let historyLength = 0;
    let reconcile = 0;
    let failures = 0;
    let runtime: NodeRuntime | undefined;
    let leader: { client: ZkClient; store: RecordStore } | undefined;
    for (let r = 0; r < REPEATS; r++) {
      runtime?.stop();
      runtime = undefined;
      const before = heapAfterGc();
      leader = await leaderStore();
      runtime = new NodeRuntime({ store: leader.store, executor: noopExecutor, clock });
      const t0 = performance.now();
      const report = await runtime.restore();
      const ms = performance.now() - t0;
      if (report.nodes !== NODE_COUNT) throw new Error(`restored ${report.nodes} nodes, expected ${NODE_COUNT}`);
      heapPerNode.push((heapAfterGc() - before) / report.nodes);
      const rawMs = await rawGetAll(leader.client, paths);
      restoreMs.push(ms);
      rawReadMs.push(rawMs);
      restoreRatio.push(ms / rawMs);
      historyLength = runtime.node('bench-0').snapshot.context.history.length;
      reconcile = report.reconcile.length;
      failures = report.failures.length;
    }

    progress('restored');
    // The stored snapshots, for bare xstate actors of the same machine (measured at the end).
    const records = await leader!.store.readNodes('bench');
    const snapshots = [...records.values()].map((rec) => loadEnvelope(rec.data).snapshot);
    const recordBytes = median([...records.values()].map((rec) => rec.data.length));
    progress(`median record ${recordBytes} B`);
    records.clear();
    // --- persisted transitions/s ----------------------------------------------
    const rt = runtime!;
    await rt.createApp('tput');
    const fresh = [];
    for (let i = 0; i < NODE_COUNT; i++) fresh.push(rt.addNode('tput'));
    const tputNodes = await Promise.all(fresh);
    await settle(rt);
    const tputRates: number[] = [];
    const rawRates: number[] = [];
    const tputRatios: number[] = [];
    let writesPerTransition = 0;
    for (let r = 0; r < REPEATS; r++) {
      const writesBefore = rt.persister.writes;
      const ms = await pauseResume(rt, tputNodes, ROUNDS);
      const rate = ((ROUNDS * NODE_COUNT) / ms) * 1000;
      writesPerTransition = (rt.persister.writes - writesBefore) / (ROUNDS * NODE_COUNT);
      const raw = await rawMultiRate(leader!.client, paths, Buffer.alloc(RAW_BYTES, 'x'));
      tputRates.push(rate);
      rawRates.push(raw);
      tputRatios.push(rate / raw);
    }

    progress('transitions');
    // --- per-node cost: 100 nodes in an app of 100 vs 100 nodes in an app of 10,000 ---
    await rt.createApp('small');
    const smallAdds = [];
    for (let i = 0; i < SMALL_APP; i++) smallAdds.push(rt.addNode('small'));
    const smallNodes = await Promise.all(smallAdds);
    const bigSlice = tputNodes.slice(0, SMALL_APP);
    const OPS_ROUNDS = 40;
    const smallUs: number[] = [];
    const bigUs: number[] = [];
    const addSmallUs: number[] = [];
    const addBigUs: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < REPEATS + 2; r++) {
      const s = await pauseResume(rt, smallNodes, OPS_ROUNDS);
      const b = await pauseResume(rt, bigSlice, OPS_ROUNDS);
      smallUs.push((s * 1000) / (OPS_ROUNDS * SMALL_APP));
      bigUs.push((b * 1000) / (OPS_ROUNDS * SMALL_APP));
      ratios.push(b / s);
      // addNode: the app parent's counter, event and record
      let t0 = performance.now();
      await Promise.all(Array.from({ length: 20 }, () => rt.addNode('small')));
      addSmallUs.push(((performance.now() - t0) * 1000) / 20);
      t0 = performance.now();
      await Promise.all(Array.from({ length: 20 }, () => rt.addNode('tput')));
      addBigUs.push(((performance.now() - t0) * 1000) / 20);
    }
    rt.stop();
    const bytesRow = await recordBytesRow(leader!.store, snapshots);
    progress('record bytes');
    // Measured last: creating 10,000 actors at once stalls the event loop (ZooKeeper pings wait).
    const bareHeap: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const before = heapAfterGc();
      let actors: AnyActor[] = snapshots.map((snapshot) => createActor(nodeMachine, { snapshot } as never).start());
      bareHeap.push((heapAfterGc() - before) / actors.length);
      for (const a of actors) a.stop();
      actors = [];
    }

    progress('bare actors');

    const us = (x: number) => `${x.toFixed(0)} µs`;
    const kb = (x: number) => `${(x / 1024).toFixed(2)} KB`;
    return [
      {
        measure: `persisted transitions/s through NodeRuntime → store (pause/resume ${fmt(NODE_COUNT)} nodes × ${ROUNDS} rounds, ${writesPerTransition.toFixed(2)} store writes per transition) — median of ${REPEATS}`,
        target: '≥ 20,000/s',
        result: `${fmt(median(tputRates))}/s (${fmtRange(tputRates, fmt)})`,
        comparison: `${median(tputRatios).toFixed(2)}× raw multi of 100 setData of ${RAW_BYTES} B, 1 in flight (${fmt(median(rawRates))}/s, ${fmtRange(rawRates, fmt)})`,
        pass: median(tputRates) >= 20_000,
      },
      {
        measure: `restore ${fmt(NODE_COUNT)} node actors (read, migrate, rehydrate, re-arm; ${reconcile} to reconcile, ${failures} failures) — median of ${REPEATS}`,
        target: '≤ 1.5 s',
        result: `${(median(restoreMs) / 1000).toFixed(2)} s (${fmtRange(restoreMs, (x) => (x / 1000).toFixed(2))})`,
        comparison: `${median(restoreRatio).toFixed(1)}× raw getData × ${fmt(NODE_COUNT)} (${Math.round(median(rawReadMs))} ms, ${fmtRange(rawReadMs, (x) => x.toFixed(0))})`,
        pass: median(restoreMs) <= 1_500,
      },
      {
        measure: `heap per restored node actor (history of ${historyLength} entries, host + timers + maps) — median of ${REPEATS}`,
        target: '≤ 8 KB',
        result: `${kb(median(heapPerNode))} (${fmtRange(heapPerNode, kb)})`,
        comparison: `${(median(heapPerNode) / median(bareHeap)).toFixed(2)}× a bare xstate actor of the same machine and snapshot (${kb(median(bareHeap))}, ${fmtRange(bareHeap, kb)})`,
        pass: median(heapPerNode) <= 8 * 1024,
      },
      {
        measure: `per-node transition cost (pause/resume, persisted): 100 nodes of an app of ${fmt(NODE_COUNT)} vs of an app of ${SMALL_APP} — median of ${REPEATS + 2}`,
        target: 'ratio ≈ 1 (O(1))',
        result: `ratio ${median(ratios).toFixed(2)} (${fmtRange(ratios, (x) => x.toFixed(2))}); ${us(median(bigUs))} vs ${us(median(smallUs))} per transition`,
        comparison: `addNode: ${us(median(addBigUs))} in the ${fmt(NODE_COUNT)}-node app vs ${us(median(addSmallUs))} in the ${SMALL_APP}-node app (ratio ${(median(addBigUs) / median(addSmallUs)).toFixed(2)})`,
        pass: median(ratios) <= 1.25 && median(ratios) >= 0.8,
      },
      bytesRow,
      ...envelopeRows,
      ...envelopeCodecRows(`${fmt(2 * NODE_COUNT)} node actors live`),
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
