/**
 * The master's clocks and UPDATE_FRAMEWORK, over real HTTP: HEARTBEAT every
 * heartbeatIntervalMs, RESCIND of an offer held past offerTimeoutMs,
 * failover_timeout (a framework back in time keeps its tasks; one that stays
 * away is removed when the timeout is over, not before), and UPDATE_FRAMEWORK
 * (200, roles swapped with RESCIND of offers to dropped roles, immutable
 * fields refused with 400).
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, autoAcknowledge, frameworkInfo, launchOnNextOffer, smallTaskResources } from '../../helpers/raw-mesos-client';
import { statusOf, timeEvents } from './support/cluster-support';

jest.setTimeout(30_000);

describe('master timers and UPDATE_FRAMEWORK', () => {
  let cluster: LocalCluster;
  const frameworks: RawFramework[] = [];

  beforeEach(async () => {
    cluster = await createTestCluster({ simulated: true, heartbeatIntervalMs: 200, offerTimeoutMs: 300 });
  });
  afterEach(async () => {
    frameworks.splice(0).forEach((f) => f.close());
    await cluster?.stop();
  });

  async function subscribed(name: string, options: Parameters<typeof frameworkInfo>[1] = {}): Promise<RawFramework> {
    const fw = new RawFramework(cluster.masterUrl, frameworkInfo(name, options));
    frameworks.push(fw);
    await fw.subscribe();
    return fw;
  }

  it('sends HEARTBEAT every heartbeatIntervalMs and announces the interval in SUBSCRIBED', async () => {
    const fw = await subscribed('beats');
    expect(fw.sub.events[0]!.subscribed.heartbeat_interval_seconds).toBe(0.2);
    const times = timeEvents(fw.sub);
    let beats = 0;
    await fw.sub.waitFor((e) => e.type === 'HEARTBEAT' && ++beats >= 5, fw.sub.mark());
    const at = times.filter((t) => t.event.type === 'HEARTBEAT').map((t) => t.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(150);
      expect(gap).toBeLessThan(600);
    }
  });

  it('rescinds an offer held longer than offerTimeoutMs; using it afterwards fails the launch', async () => {
    const fw = await subscribed('slowpoke');
    const offer = (await fw.offers()).offers.offers[0];
    const started = Date.now();
    const rescind = await fw.sub.waitFor((e) => e.type === 'RESCIND' && e.rescind.offer_id.value === offer.id.value);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(rescind.rescind).toEqual({ offer_id: offer.id });
    const task = { name: 'late', task_id: { value: 'late' }, agent_id: offer.agent_id, resources: smallTaskResources(offer), command: { value: 'true' } };
    await fw.call('ACCEPT', { accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [task] } }] } });
    expect(await statusOf(fw, 'late', 'TASK_LOST')).toMatchObject({ reason: 'REASON_INVALID_OFFERS' });
  });

  it('keeps a framework that re-subscribes within failover_timeout, tasks included', async () => {
    const fw = await subscribed('returning', { failoverTimeoutSeconds: 5 });
    autoAcknowledge(fw);
    await launchOnNextOffer(fw, 'kept');
    await statusOf(fw, 'kept', 'TASK_RUNNING');
    fw.close();
    await fw.sub.whenEnded();
    await fw.subscribe();
    expect(fw.sub.events[0]!.type).toBe('SUBSCRIBED');
    await fw.call('RECONCILE', { reconcile: { tasks: [{ task_id: { value: 'kept' } }] } });
    expect((await fw.sub.waitFor((e) => e.type === 'UPDATE')).update.status).toMatchObject({ state: 'TASK_RUNNING', reason: 'REASON_RECONCILIATION' });
  });

  it('removes a framework once failover_timeout is over, and not before', async () => {
    const fw = await subscribed('leaving', { failoverTimeoutSeconds: 0.5 });
    const master = cluster.leader()!;
    fw.close();
    await fw.sub.whenEnded();
    const left = Date.now();
    await new Promise<void>((resolve) => {
      const check = () => (master.state.removedFrameworks.has(fw.frameworkId) || Date.now() - left > 10_000 ? resolve() : setImmediate(check));
      check();
    });
    expect(master.state.removedFrameworks.has(fw.frameworkId)).toBe(true);
    expect(Date.now() - left).toBeGreaterThanOrEqual(450);
  });

  it('UPDATE_FRAMEWORK answers 200, swaps roles (rescinding offers to the dropped one) and refuses immutable changes', async () => {
    const info = frameworkInfo('changing', { role: 'a' }) as Record<string, any>;
    const fw = await subscribed('changing', { role: 'a' });
    const offer = (await fw.offers()).offers.offers[0];
    expect(offer.allocation_info).toEqual({ role: 'a' });
    const from = fw.sub.mark();
    const updated = await fw.call('UPDATE_FRAMEWORK', { update_framework: { framework_info: { ...info, id: { value: fw.frameworkId }, roles: ['b'] } } });
    expect(updated).toMatchObject({ status: 200, body: '' });
    expect((await fw.sub.waitFor((e) => e.type === 'RESCIND', from)).rescind.offer_id).toEqual(offer.id);
    expect((await fw.offers(from)).offers.offers[0].allocation_info).toEqual({ role: 'b' });

    const user = await fw.call('UPDATE_FRAMEWORK', { update_framework: { framework_info: { ...info, id: { value: fw.frameworkId }, roles: ['b'], user: 'root' } } });
    expect(user).toMatchObject({ status: 400, body: "Invalid UPDATE_FRAMEWORK call: Updating 'FrameworkInfo.user' is unsupported" });
    const suppressed = await fw.call('UPDATE_FRAMEWORK', { update_framework: { framework_info: { ...info, id: { value: fw.frameworkId }, roles: ['b'] }, suppressed_roles: ['z'] } });
    expect(suppressed.status).toBe(400);
  });
});
