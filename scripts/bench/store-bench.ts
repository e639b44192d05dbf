/**
 * Issue 4, store layer, against a throwaway ZooKeeper (standalone, loopback,
 * forceSync=no): record commits per second through the write coalescer and
 * the read of 10,000 node records, each measured REPEATS times side by side
 * with the bare ZkClient doing the same work (ratios are per repeat, then the
 * median), so a busy machine slows both alike.
 *
 * Replaces the former store-bench.js (it required ../../dist from inside dist).
 * Exports `run()` for the runner; run alone with `node dist/scripts/bench/store-bench.js`.
 */
import { performance } from 'node:perf_hooks';
import { StoreLayout, ZkClient, appKey, bumpEpoch, nodeKey, openZookeeperStore, putRecord, type RecordStore } from '../../src/store';
import { startThrowawayZooKeeper } from '../../src/localzk';
import type { BenchRow } from './run';
import { fmtRange, median, nodeId, rawGetAll, rawMultiRate } from './bench-util';

const NODE_COUNT = 10_000;
const UPDATE_COUNT = 40_000;
const COMMITS_IN_FLIGHT = 2_000;
const PAYLOAD_BYTES = 1_024;
const REPEATS = 3;
const ROOT = '/store-bench';
const APP = 'bench-app';

/** Runs `count` single-record commits, keeping `inFlight` outstanding; returns elapsed ms. */
async function commitMany(st: RecordStore, count: number, inFlight: number, writeFor: (i: number) => ReturnType<typeof putRecord>): Promise<number> {
  let next = 0;
  const startedMs = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await st.commit([writeFor(i)]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return performance.now() - startedMs;
}

export async function run(): Promise<BenchRow[]> {
  const server = await startThrowawayZooKeeper();
  const clients: ZkClient[] = [];
  const connect = async () => {
    const client = await ZkClient.connect(server.connectString, { sessionTimeoutMs: 10_000 });
    clients.push(client);
    return client;
  };
  try {
    const writer = await connect();
    const layout = new StoreLayout(ROOT);
    const epoch = await bumpEpoch(writer, layout);
    const st = await openZookeeperStore({ client: writer, rootPath: ROOT, epoch });
    const payload = Buffer.alloc(PAYLOAD_BYTES, 'x');
    await st.commit([putRecord(appKey(APP), Buffer.from('{}'))]);
    const createMs = await commitMany(st, NODE_COUNT, COMMITS_IN_FLIGHT, (i) => putRecord(nodeKey(APP, nodeId(i)), payload));
    const nodesDir = layout.nodesDir(APP);
    const paths = Array.from({ length: NODE_COUNT }, (_, i) => `${nodesDir}/${nodeId(i)}`);

    const storeRates: number[] = [];
    const rawRates: number[] = [];
    const writeRatios: number[] = [];
    const perMulti: number[] = [];
    const storeReadMs: number[] = [];
    const rawReadMs: number[] = [];
    const readRatios: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const batchesBefore = st.stats.batches;
      const ms = await commitMany(st, UPDATE_COUNT, COMMITS_IN_FLIGHT, (i) => putRecord(nodeKey(APP, nodeId(i % NODE_COUNT)), payload));
      const storeRate = (UPDATE_COUNT / ms) * 1000;
      perMulti.push(UPDATE_COUNT / (st.stats.batches - batchesBefore));
      const rawRate = await rawMultiRate(writer, paths, payload);
      await st.readNodes(APP); // the raw writes bumped the versions: let the store track them again
      storeRates.push(storeRate);
      rawRates.push(rawRate);
      writeRatios.push(storeRate / rawRate);

      const reader = await connect();
      const t0 = performance.now();
      const restoring = await openZookeeperStore({ client: reader, rootPath: ROOT, epoch });
      const records = await restoring.readNodes(APP);
      const readMs = performance.now() - t0;
      if (records.size !== NODE_COUNT) throw new Error(`read ${records.size} records, expected ${NODE_COUNT}`);
      const rawMs = await rawGetAll(reader, paths);
      storeReadMs.push(readMs);
      rawReadMs.push(rawMs);
      readRatios.push(readMs / rawMs);
    }
    await st.close();

    return [
      {
        measure: `store commits/s through the coalescer (${fmt(UPDATE_COUNT)} single-record commits of ${PAYLOAD_BYTES} B, ${fmt(COMMITS_IN_FLIGHT)} in flight; ${median(perMulti).toFixed(0)} records per multi) — median of ${REPEATS}`,
        target: '≥ 20,000/s',
        result: `${fmt(median(storeRates))}/s (${fmtRange(storeRates, (x) => fmt(x))})`,
        comparison: `${median(writeRatios).toFixed(2)}× raw multi of 100 setData, 1 in flight (${fmt(median(rawRates))}/s, ${fmtRange(rawRates, (x) => fmt(x))})`,
        pass: median(storeRates) >= 20_000,
      },
      {
        measure: `store creates/s through the coalescer (${fmt(NODE_COUNT)} creates of ${PAYLOAD_BYTES} B, once)`,
        result: `${fmt((NODE_COUNT / createMs) * 1000)}/s`,
      },
      {
        measure: `read ${fmt(NODE_COUNT)} node records (open store + readNodes, new session) — median of ${REPEATS}`,
        result: `${Math.round(median(storeReadMs))} ms (${fmtRange(storeReadMs, (x) => x.toFixed(0))})`,
        comparison: `${median(readRatios).toFixed(2)}× raw getData × ${fmt(NODE_COUNT)}, all in flight (${Math.round(median(rawReadMs))} ms, ${fmtRange(rawReadMs, (x) => x.toFixed(0))})`,
      },
    ];
  } finally {
    for (const c of clients) await c.close().catch(() => undefined);
    await server.stop();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

if (require.main === module) {
  run().then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
