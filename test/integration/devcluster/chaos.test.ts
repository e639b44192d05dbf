/**
 * Chaos mode is reproducible from its seed: two clusters started with the
 * same seed, with a subscribed raw framework, inject the same faults in the
 * same order (ids included, since they derive from the seed too); another
 * seed gives another sequence. The cluster prints `SEED=<n>`.
 */
import { createTestCluster, type ChaosFault } from '../../../src/devcluster';
import { RawFramework, frameworkInfo } from '../../helpers/raw-mesos-client';
import { capturingLogger, withSeed } from './support/cluster-support';

jest.setTimeout(30_000);

const FAULTS = 8;

/** Runs chaos on a fresh cluster until `FAULTS` faults were injected; returns them and the log. */
async function chaosRun(seed: number): Promise<{ faults: readonly ChaosFault[]; logged: string[] }> {
  const { logger, lines } = capturingLogger();
  const cluster = await createTestCluster({ simulated: true, seed, logger, agents: 2 });
  const fw = new RawFramework(cluster.masterUrl, frameworkInfo('chaos'));
  try {
    await fw.subscribe();
    cluster.faults.startChaos(30);
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (cluster.faults.chaosHistory().length >= FAULTS) return resolve();
        if (Date.now() - started > 15_000) return reject(new Error(`only ${cluster.faults.chaosHistory().length} chaos faults in 15 s`));
        setImmediate(check);
      };
      check();
    });
    cluster.faults.stopChaos();
    return { faults: cluster.faults.chaosHistory().slice(0, FAULTS), logged: lines.map((l) => l.msg) };
  } finally {
    fw.close();
    await cluster.stop();
  }
}

describe('chaos mode', () => {
  it('replays the same fault sequence from the same seed, and prints the seed', async () => {
    const seed = 4242;
    await withSeed(seed, async () => {
      const first = await chaosRun(seed);
      const second = await chaosRun(seed);
      expect(first.logged).toContain(`SEED=${seed}`);
      expect(second.faults).toEqual(first.faults);
      expect(new Set(first.faults.map((f) => f.kind)).size).toBeGreaterThan(1);
      const other = await chaosRun(seed + 1);
      expect(other.faults).not.toEqual(first.faults);
    });
  });
});
