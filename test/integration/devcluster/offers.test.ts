/**
 * Offers: what they carry, decline filters and REVIVE, SUPPRESS, and ACCEPT
 * failures reported as task updates (the HTTP answer stays 202).
 */
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, frameworkInfo, smallTaskResources, type RawSubscription } from '../../helpers/raw-mesos-client';

jest.setTimeout(30_000);

/** Waits for `count` heartbeats after `from` and returns the events seen meanwhile. */
async function quietPeriod(sub: RawSubscription, from: number, count = 3): Promise<string[]> {
  let seen = 0;
  await sub.waitFor((e) => e.type === 'HEARTBEAT' && ++seen >= count, from);
  return sub.events.slice(from).map((e) => e.type ?? '');
}

describe('offers', () => {
  let cluster: LocalCluster;
  let fw: RawFramework;

  beforeEach(async () => {
    cluster = await createTestCluster({ simulated: true, heartbeatIntervalMs: 150, resources: 'cpus:2;mem:1024;disk:2048;ports:[31000-31009]', attributes: 'rack:r1;zone:a' });
    fw = new RawFramework(cluster.masterUrl, frameworkInfo('offers', { role: 'web' }));
    await fw.subscribe();
  });
  afterEach(async () => {
    fw?.close();
    await cluster?.stop();
  });

  it('offers the agent resources with attributes, hostname and allocation info', async () => {
    const offer = (await fw.offers()).offers.offers[0];
    expect(offer.id.value).toMatch(/-O\d+$/);
    expect(offer.framework_id.value).toBe(fw.frameworkId);
    expect(offer.hostname).toBe('localhost');
    expect(offer.allocation_info).toEqual({ role: 'web' });
    const byName = Object.fromEntries(offer.resources.map((r: any) => [r.name, r]));
    expect(byName.cpus.scalar.value).toBe(2);
    expect(byName.mem.scalar.value).toBe(1024);
    expect(byName.ports.ranges.range).toEqual([{ begin: 31000, end: 31009 }]);
    expect(byName.cpus.allocation_info).toEqual({ role: 'web' });
    expect(offer.attributes).toEqual([
      { name: 'rack', type: 'TEXT', text: { value: 'r1' } },
      { name: 'zone', type: 'TEXT', text: { value: 'a' } },
    ]);
  });

  it('honours a decline filter until REVIVE', async () => {
    const offer = (await fw.offers()).offers.offers[0];
    const from = fw.sub.mark();
    expect((await fw.call('DECLINE', { decline: { offer_ids: [offer.id], filters: { refuse_seconds: 3600 } } })).status).toBe(202);
    expect(await quietPeriod(fw.sub, from)).not.toContain('OFFERS');
    const reviveFrom = fw.sub.mark();
    expect((await fw.call('REVIVE', { revive: { roles: ['web'] } })).status).toBe(202);
    await fw.offers(reviveFrom);
  });

  it('re-offers at once after a decline with refuse_seconds 0', async () => {
    const offer = (await fw.offers()).offers.offers[0];
    const from = fw.sub.mark();
    await fw.call('DECLINE', { decline: { offer_ids: [offer.id], filters: { refuse_seconds: 0 } } });
    const again = (await fw.offers(from)).offers.offers[0];
    expect(again.id.value).not.toBe(offer.id.value);
  });

  it('sends nothing to a suppressed role until REVIVE', async () => {
    const offer = (await fw.offers()).offers.offers[0];
    await fw.call('SUPPRESS', { suppress: { roles: ['web'] } });
    const from = fw.sub.mark();
    await fw.call('DECLINE', { decline: { offer_ids: [offer.id], filters: { refuse_seconds: 0 } } });
    expect(await quietPeriod(fw.sub, from)).not.toContain('OFFERS');
    const reviveFrom = fw.sub.mark();
    await fw.call('REVIVE', {});
    await fw.offers(reviveFrom);
  });

  it('answers an ACCEPT of an unknown offer with TASK_LOST REASON_INVALID_OFFERS (no uuid) and 202', async () => {
    const offer = (await fw.offers()).offers.offers[0];
    const task = { name: 't', task_id: { value: 'stale' }, agent_id: offer.agent_id, resources: smallTaskResources(offer), command: { value: 'true' } };
    const res = await fw.call('ACCEPT', { accept: { offer_ids: [{ value: 'no-such-offer' }], operations: [{ type: 'LAUNCH', launch: { task_infos: [task] } }] } });
    expect(res.status).toBe(202);
    const status = (await fw.update('stale', 'TASK_LOST')).update.status;
    expect(status).toMatchObject({ reason: 'REASON_INVALID_OFFERS', source: 'SOURCE_MASTER', message: 'Task launched with invalid offers: Offer no-such-offer is no longer valid' });
    expect(status.uuid).toBeUndefined();
  });

  it('answers a task that asks for more than the offer with TASK_ERROR and returns the rest', async () => {
    const offer = (await fw.offers()).offers.offers[0];
    const greedy = { name: 'g', task_id: { value: 'greedy' }, agent_id: offer.agent_id, resources: smallTaskResources(offer, 3), command: { value: 'true' } };
    const fine = { name: 'f', task_id: { value: 'fine' }, agent_id: offer.agent_id, resources: smallTaskResources(offer), command: { value: 'true' } };
    const both = { name: 'b', task_id: { value: 'both' }, agent_id: offer.agent_id, resources: smallTaskResources(offer), command: { value: 'true' }, executor: { executor_id: { value: 'e' }, command: { value: 'x' } } };
    const from = fw.sub.mark();
    await fw.call('ACCEPT', { accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [greedy, fine, both] } }], filters: { refuse_seconds: 0 } } });
    const error = (await fw.update('greedy', 'TASK_ERROR')).update.status;
    expect(error.reason).toBe('REASON_TASK_INVALID');
    expect(error.message).toMatch(/^Task uses more resources cpus:3/);
    const bothError = (await fw.update('both', 'TASK_ERROR')).update.status;
    expect(bothError.message).toBe('Task should have at least one (but not both) of CommandInfo or ExecutorInfo present');
    await fw.sub.waitFor((e) => e.type === 'UPDATE' && e.update.status.task_id.value === 'fine' && e.update.status.source === 'SOURCE_EXECUTOR');
    const next = (await fw.offers(from)).offers.offers[0];
    const cpus = next.resources.find((r: any) => r.name === 'cpus').scalar.value;
    expect(cpus).toBeCloseTo(1.9, 3);
  });
});
