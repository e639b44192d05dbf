'use strict';
/**
 * Store benchmark: persisted node writes per second through the write
 * coalescer, and the restore time of 10,000 nodes, against a throwaway
 * ZooKeeper (standalone, loopback, forceSync=no).
 *
 * Runs on the compiled SDK: `npm run build && node scripts/bench/store-bench.js`.
 * `CATAPULT_DIST` points at another build directory (default: ./dist).
 * Exports `run()` for the benchmark runner.
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const dist = process.env.CATAPULT_DIST ? path.resolve(process.env.CATAPULT_DIST) : path.join(__dirname, '..', '..', 'dist');
const store = require(path.join(dist, 'src', 'store'));
const localzk = require(path.join(dist, 'src', 'localzk'));

const NODE_COUNT = 10_000;
const UPDATE_COUNT = 60_000;
const COMMITS_IN_FLIGHT = 2_000;
const PAYLOAD_BYTES = 1_024;
const ROOT = '/bench';
const APP = 'bench-app';

/** @typedef {{ measure: string, target: string, result: string, ratio?: number }} BenchRow */

/** Runs `count` single-node commits, keeping `inFlight` outstanding; returns elapsed ms. */
async function commitMany(st, count, inFlight, writeFor) {
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

const nodeId = (i) => `node-${String(i).padStart(5, '0')}`;

/** @returns {Promise<BenchRow[]>} */
async function run() {
  const server = await localzk.startThrowawayZooKeeper();
  const clients = [];
  const connect = async () => {
    const client = await store.ZkClient.connect(server.connectString, { sessionTimeoutMs: 10_000 });
    clients.push(client);
    return client;
  };
  try {
    const writer = await connect();
    const layout = new store.StoreLayout(ROOT);
    const epoch = await store.bumpEpoch(writer, layout);
    const st = await store.openZookeeperStore({ client: writer, rootPath: ROOT, epoch });
    const payload = Buffer.alloc(PAYLOAD_BYTES, 'x');
    await st.commit([store.putRecord(store.appKey(APP), Buffer.from('{}'))]);

    const createMs = await commitMany(st, NODE_COUNT, COMMITS_IN_FLIGHT, (i) => store.putRecord(store.nodeKey(APP, nodeId(i)), payload));
    const batchesBefore = st.stats.batches;
    const updateMs = await commitMany(st, UPDATE_COUNT, COMMITS_IN_FLIGHT, (i) => store.putRecord(store.nodeKey(APP, nodeId(i % NODE_COUNT)), payload));
    const updateBatches = st.stats.batches - batchesBefore;
    await st.close();

    const reader = await connect();
    const restoreStarted = performance.now();
    const restoring = await store.openZookeeperStore({ client: reader, rootPath: ROOT, epoch });
    const restored = await restoring.readNodes(APP);
    const restoreMs = performance.now() - restoreStarted;
    if (restored.size !== NODE_COUNT) throw new Error(`restored ${restored.size} nodes, expected ${NODE_COUNT}`);

    // Same-run baselines through the bare client, so the ratios mean something on a busy machine.
    const nodesDir = layout.nodesDir(APP);
    const rawStarted = performance.now();
    for (let b = 0; b < 100; b++) {
      await writer.multi(Array.from({ length: 100 }, (_, i) => ({ type: 'setData', path: `${nodesDir}/${nodeId(b * 100 + i)}`, data: payload })));
    }
    const rawMultiRate = NODE_COUNT / ((performance.now() - rawStarted) / 1000);
    const rawReadStarted = performance.now();
    await Promise.all(Array.from({ length: NODE_COUNT }, (_, i) => reader.getData(`${nodesDir}/${nodeId(i)}`)));
    const rawReadMs = performance.now() - rawReadStarted;

    const createRate = NODE_COUNT / (createMs / 1000);
    const updateRate = UPDATE_COUNT / (updateMs / 1000);
    const round = (x) => Math.round(x * 100) / 100;
    return [
      {
        measure: `persisted node writes/s through the coalescer (${UPDATE_COUNT} updates of ${PAYLOAD_BYTES} B, ${COMMITS_IN_FLIGHT} commits in flight, ${round(UPDATE_COUNT / updateBatches)} writes per multi)`,
        target: '≥ 20,000/s',
        result: `${Math.round(updateRate).toLocaleString('en-US')}/s`,
        ratio: round(updateRate / 20_000),
      },
      {
        measure: `node creates/s through the coalescer (${NODE_COUNT} creates of ${PAYLOAD_BYTES} B)`,
        target: '≥ 20,000/s',
        result: `${Math.round(createRate).toLocaleString('en-US')}/s`,
        ratio: round(createRate / 20_000),
      },
      {
        measure: `restore of ${NODE_COUNT.toLocaleString('en-US')} nodes (open store + readNodes, new session)`,
        target: '< 1.5 s',
        result: `${Math.round(restoreMs)} ms`,
        ratio: round(1_500 / restoreMs),
      },
      {
        measure: 'baseline, same run: bare ZkClient.multi of 100 setData, 1 in flight',
        target: '—',
        result: `${Math.round(rawMultiRate).toLocaleString('en-US')}/s`,
      },
      {
        measure: `baseline, same run: bare ZkClient.getData × ${NODE_COUNT.toLocaleString('en-US')}, all in flight`,
        target: '—',
        result: `${Math.round(rawReadMs)} ms`,
      },
    ];
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  }
}

/** The rows as a markdown table (ratio > 1 means better than the target). */
function toMarkdown(rows) {
  const lines = ['| measure | target | result | ratio |', '| --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.measure} | ${r.target} | ${r.result} | ${r.ratio ?? ''} |`);
  return lines.join('\n');
}

module.exports = { run, toMarkdown };

if (require.main === module) {
  run().then(
    (rows) => console.log(toMarkdown(rows)),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
