/**
 * RECONCILE and KILL answers per the fact sheet's §5.2 table, for
 * partition-aware frameworks and for the others.
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, autoAcknowledge, frameworkInfo, launchOnNextOffer } from '../../helpers/raw-mesos-client';

jest.setTimeout(30_000);

describe('reconciliation', () => {
  let cluster: LocalCluster;
  let pa: RawFramework;
  let plain: RawFramework;
  let agentId: string;

  beforeAll(async () => {
    cluster = await createTestCluster({ simulated: true });
    pa = new RawFramework(cluster.masterUrl, frameworkInfo('pa', { partitionAware: true, role: 'pa' }));
    plain = new RawFramework(cluster.masterUrl, frameworkInfo('plain', { role: 'plain' }));
    await pa.subscribe();
    await plain.subscribe();
    autoAcknowledge(pa);
    autoAcknowledge(plain);
    agentId = (await launchOnNextOffer(pa, 'known')).agent_id.value;
    await pa.update('known', 'TASK_RUNNING');
  });
  afterAll(async () => {
    pa?.close();
    plain?.close();
    await cluster?.stop();
  });

  async function answer(fw: RawFramework, taskId: string, agent?: string): Promise<any> {
    const from = fw.sub.mark();
    const task = { task_id: { value: taskId }, ...(agent ? { agent_id: { value: agent } } : {}) };
    expect((await fw.call('RECONCILE', { reconcile: { tasks: [task] } })).status).toBe(202);
    const e = await fw.sub.waitFor((x) => x.type === 'UPDATE' && x.update.status.task_id.value === taskId, from);
    return e.update.status;
  }

  it('reports a known task with its latest state, as a master-generated update without uuid', async () => {
    const status = await answer(pa, 'known', agentId);
    expect(status).toMatchObject({ state: 'TASK_RUNNING', reason: 'REASON_RECONCILIATION', source: 'SOURCE_MASTER', agent_id: { value: agentId } });
    expect(status.uuid).toBeUndefined();
  });

  it('answers unknown tasks with TASK_GONE / TASK_UNKNOWN for partition-aware frameworks', async () => {
    expect((await answer(pa, 'ghost', agentId)).state).toBe('TASK_GONE');
    expect((await answer(pa, 'ghost', 'no-such-agent')).state).toBe('TASK_UNKNOWN');
    expect((await answer(pa, 'ghost')).state).toBe('TASK_UNKNOWN');
  });

  it('answers unknown tasks with TASK_LOST for the others', async () => {
    expect((await answer(plain, 'ghost', agentId)).state).toBe('TASK_LOST');
    expect((await answer(plain, 'ghost')).state).toBe('TASK_LOST');
  });

  it('implicit reconciliation reports every known task and nothing else', async () => {
    const from = pa.sub.mark();
    await pa.call('RECONCILE', { reconcile: {} });
    const e = await pa.sub.waitFor((x) => x.type === 'UPDATE', from);
    expect(e.update.status).toMatchObject({ task_id: { value: 'known' }, state: 'TASK_RUNNING', reason: 'REASON_RECONCILIATION' });
    const quiet = plain.sub.mark();
    await plain.call('RECONCILE', { reconcile: {} });
    let beats = 0;
    await plain.sub.waitFor((x) => x.type === 'HEARTBEAT' && ++beats >= 2, quiet);
    expect(plain.sub.events.slice(quiet).filter((x) => x.type === 'UPDATE')).toEqual([]);
  });

  it('answers KILL of an unknown task with a reconciliation answer, and kills a known one', async () => {
    const from = pa.sub.mark();
    await pa.call('KILL', { kill: { task_id: { value: 'ghost' }, agent_id: { value: agentId } } });
    expect((await pa.sub.waitFor((x) => x.type === 'UPDATE' && x.update.status.task_id.value === 'ghost', from)).update.status.state).toBe('TASK_GONE');
    await pa.call('KILL', { kill: { task_id: { value: 'known' } } });
    const killed = (await pa.update('known', 'TASK_KILLED', from)).update.status;
    expect(killed.uuid).toBeDefined();
  });
});
