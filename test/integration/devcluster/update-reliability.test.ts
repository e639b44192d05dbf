/**
 * Status-update reliability end to end (§5.1): an update the scheduler does
 * not acknowledge is resent with the same uuid, and the task's later updates
 * wait behind it until the ACKNOWLEDGE. Then the faults that bend updates on
 * their way (delay, reorder; drop and duplicate are in
 * master-failover.test.ts) and 503 answers to scheduler calls.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { simulatedScript } from '../../../src/devcluster/agent';
import { mesos } from '../../../src/wire';
import { RawFramework, frameworkInfo, smallTaskResources } from '../../helpers/raw-mesos-client';
import { statusOf, timeEvents, withSeed } from './support/cluster-support';

jest.setTimeout(30_000);

const { TaskState } = mesos.v1;

describe('status-update reliability and update faults', () => {
  let cluster: LocalCluster;
  let fw: RawFramework;

  beforeEach(async () => {
    cluster = await createTestCluster({
      simulated: { script: simulatedScript({ finishAfterMs: 50 }) },
      agentOptions: { statusUpdateRetryInitialMs: 200, statusUpdateRetryMaxMs: 400 },
    });
    fw = new RawFramework(cluster.masterUrl, frameworkInfo('reliability'));
    await fw.subscribe();
  });
  afterEach(async () => {
    fw?.close();
    await cluster?.stop();
  });

  async function launch(...taskIds: string[]): Promise<void> {
    const offer = (await fw.offers()).offers.offers[0];
    const tasks = taskIds.map((id) => ({ name: id, task_id: { value: id }, agent_id: offer.agent_id, resources: smallTaskResources(offer), command: { value: 'true' } }));
    const res = await fw.call('ACCEPT', { accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: tasks } }], filters: { refuse_seconds: 0 } } });
    expect(res.status).toBe(202);
  }

  const updatesOf = (taskId: string) => fw.sub.events.filter((e) => e.type === 'UPDATE' && e.update.status.task_id.value === taskId).map((e) => e.update.status);

  it('resends an unacknowledged update with the same uuid and holds the next one back until the ACKNOWLEDGE', async () => {
    await launch('t');
    await fw.acknowledge(await statusOf(fw, 't', 'TASK_STARTING'));
    const running = await statusOf(fw, 't', 'TASK_RUNNING');
    const from = fw.sub.mark();
    const resent = await fw.sub.waitFor((e) => e.type === 'UPDATE' && e.update.status.uuid === running.uuid, from);
    expect(resent.update.status.state).toBe('TASK_RUNNING');
    // The agent finished the task 50 ms after RUNNING, well before the resend: FINISHED is queued, not sent.
    const pending = cluster.agents[0]!.updates.pendingUpdates(fw.frameworkId, 't');
    expect(pending.map((s) => s.state)).toEqual([TaskState.TASK_RUNNING, TaskState.TASK_FINISHED]);
    expect(updatesOf('t').map((s) => s.state)).not.toContain('TASK_FINISHED');

    const ackFrom = fw.sub.mark();
    expect((await fw.acknowledge(running)).status).toBe(202);
    const finished = await statusOf(fw, 't', 'TASK_FINISHED', ackFrom);
    expect(finished.uuid).not.toBe(running.uuid);
    await fw.acknowledge(finished);
    await new Promise<void>((resolve) => {
      const check = () => (cluster.agents[0]!.updates.pendingCount === 0 ? resolve() : setImmediate(check));
      check();
    });
  });

  it('delays updates by delayMs', async () => {
    cluster.faults.setUpdateFaults({ delayMs: 300 });
    const times = timeEvents(fw.sub);
    const started = Date.now();
    await launch('slow');
    await statusOf(fw, 'slow', 'TASK_STARTING');
    const arrived = times.find((t) => t.event.type === 'UPDATE')!.at;
    expect(arrived - started).toBeGreaterThanOrEqual(290);
  });

  it('reorders: an update is held back behind the next one of the framework', () =>
    withSeed(cluster.seed, async () => {
      cluster.faults.setUpdateFaults({ reorderRate: 1, reorderHoldMs: 5_000 });
      await launch('first', 'second');
      await statusOf(fw, 'first', 'TASK_STARTING');
      const order = fw.sub.events.filter((e) => e.type === 'UPDATE').map((e) => e.update.status.task_id.value);
      expect(order.slice(0, 2)).toEqual(['second', 'first']);
    }));

  it('answers the next n scheduler calls with 503, then serves again', async () => {
    cluster.faults.failNextCalls(2);
    const first = await fw.call('REVIVE');
    const second = await fw.call('SUPPRESS');
    expect([first.status, second.status]).toEqual([503, 503]);
    expect(first.body).toBe('Injected fault: the master is unavailable for this call; retry with backoff');
    expect((await fw.call('REVIVE')).status).toBe(202);
  });
});
