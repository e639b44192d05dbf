/**
 * A launched task that produces no status update in time is reconciled
 * explicitly (long before the node's own launch timeout); one that answers
 * in time is not.
 */
import { mesos } from '../../../../src/wire';
import { offer } from '../../../helpers/offers';
import { flush, startTerm } from './runtime-test-kit';

const NODE = { typeName: 'SchedulerNode', infoJson: JSON.stringify({ scheduler_container: { name: 'w', cpus: 0.1, memory: 32, command: 'sleep 1' } }) };
const offers = (agent: string) => ({ type: mesos.v1.scheduler.Event.Type.OFFERS, offers: { offers: [offer({ agent, cpus: 1, mem: 128 })] } });
const running = (taskId: string) => ({
  type: mesos.v1.scheduler.Event.Type.UPDATE,
  update: { status: { task_id: { value: taskId }, state: mesos.v1.TaskState.TASK_RUNNING, agent_id: { value: 'a1' }, uuid: new Uint8Array(16).fill(1) } },
});

describe('a launched task without an update', () => {
  it('is reconciled explicitly after launchUpdateTimeoutMs; an answered one is not', async () => {
    const { term, clock, fake } = await startTerm({ reconciliation: { launchUpdateTimeoutMs: 5_000, initialBackoffMs: 1_000, implicitIntervalMs: 600_000 } });
    await term.api.createApp('web', { name: 'web', typeName: 'SchedulerApp' });
    await term.api.addNode('web', NODE);
    await term.api.addNode('web', NODE);
    await flush();
    clock.advance(10);
    await flush();
    const reconcilesBefore = fake.of('RECONCILE').length;

    fake.emit(offers('a1'));
    await flush();
    expect(fake.of('ACCEPT')).toHaveLength(1);
    const launched = fake.of('ACCEPT')[0]!.accept!.operations![0]!.launch!.task_infos!.map((t) => t.task_id!.value);
    expect(launched.sort()).toEqual(['web-0.1', 'web-1.1']);
    expect(term.launches.size).toBe(2);

    fake.emit(running('web-0.1'));
    await flush();
    expect(term.launches.size).toBe(1);

    clock.advance(4_999);
    await flush();
    expect(fake.of('RECONCILE')).toHaveLength(reconcilesBefore);
    clock.advance(1);
    await flush();
    const reconcile = fake.of('RECONCILE').slice(reconcilesBefore);
    expect(reconcile).toHaveLength(1);
    expect(reconcile[0]!.reconcile!.tasks).toEqual([{ task_id: { value: 'web-1.1' }, agent_id: { value: 'a1' } }]);
    // Still launching: the machine's own launch timeout (minutes) has not passed; the master's answer decides.
    expect(term.nodes.nodes.get('web-1')!.state).toBe('launching');
    term.stop();
  });
});
