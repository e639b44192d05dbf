import { attribute, constraint, offer } from '../../../helpers/offers';
import { placementTicks } from '../../../helpers/placement-ticks';
import { launchesByOffer } from '../../../../src/scheduler/placement';

describe('offer matching', () => {
  it('places several tasks on one offer, FIFO, with distinct concrete ports', () => {
    const t = placementTicks();
    t.send.pending({ node: 'web-0', cpus: 1, memoryMb: 256, ports: [0, 0] }, { node: 'web-1', cpus: 1, memoryMb: 256, ports: [0] }, { node: 'web-2', cpus: 1, memoryMb: 256 });

    t.send.offers(offer({ id: 'o1', agent: 'a1', cpus: 2.5, mem: 1024, ports: [[31000, 31002]] }));

    t.expect.launched('web-0', { offerId: 'o1', ports: [31000, 31001] });
    t.expect.launched('web-1', { offerId: 'o1', ports: [31002] });
    t.expect.unplaced('web-2', /^no offer had 1 cpus \(best: 0\.5 on a1\)$/);
    t.expect.declinedNothing();
    expect(launchesByOffer(t.last.launches).map((g) => [g.offer.id.value, g.launches.map((l) => l.node.nodeId)])).toEqual([['o1', ['web-0', 'web-1']]]);
    expect(t.pending.map((n) => n.nodeId)).toEqual(['web-2']);
  });

  it('declines offers that carry no task', () => {
    const t = placementTicks();
    t.send.pending({ node: 'web-0', cpus: 1 });
    t.send.offers(offer({ id: 'o1', agent: 'a1', cpus: 4, mem: 1024 }), offer({ id: 'o2', agent: 'a2', cpus: 4, mem: 1024 }));
    t.expect.launched('web-0', { agent: 'a1' });
    t.expect.declined('o2');
  });

  it('takes the executor resources besides the task resources', () => {
    const t = placementTicks();
    t.send.pending({ node: 'web-0', cpus: 1, memoryMb: 128, executor: { cpus: 0.01, memoryMb: 32 } });
    t.send.offers(offer({ id: 'small', agent: 'a1', cpus: 1, mem: 1024 }), offer({ id: 'big', agent: 'a2', cpus: 1.01, mem: 160 }));
    const launch = t.expect.launched('web-0', { offerId: 'big' });
    expect(launch.resources.map((r) => [r.name, r.scalar?.value])).toEqual([['cpus', 1], ['mem', 128]]);
    expect(launch.executorResources.map((r) => [r.name, r.scalar?.value])).toEqual([['cpus', 0.01], ['mem', 32]]);
    t.expect.declined('small');
  });

  it('keeps GPU agents for nodes that want GPUs', () => {
    const t = placementTicks();
    t.send.pending({ node: 'cpu-0', cpus: 1 }, { node: 'gpu-0', cpus: 1, gpus: 1 });
    t.send.offers(offer({ id: 'g', agent: 'gpu-agent', cpus: 8, mem: 4096, gpus: 2 }));
    t.expect.launched('gpu-0', { offerId: 'g' });
    const reason = t.expect.unplaced('cpu-0', /1 offer with GPUs kept for nodes that want GPUs/);
    expect(reason.offers).toEqual([
      { offerId: 'g', agentId: 'gpu-agent', hostname: 'gpu-agent.example', ruledOutBy: 'gpu-agent', detail: 'agent offers 2 gpus and the node wants none' },
    ]);
  });

  it('can use GPU agents for any node when told to', () => {
    const t = placementTicks({ reserveGpuAgents: false });
    t.send.pending({ node: 'cpu-0', cpus: 1 });
    t.send.offers(offer({ agent: 'gpu-agent', cpus: 8, mem: 4096, gpus: 2 }));
    t.expect.launched('cpu-0', { agent: 'gpu-agent' });
  });

  it('declines offers allocated to roles the framework does not use', () => {
    const t = placementTicks({ roles: ['web'] });
    t.send.pending({ node: 'web-0' });
    t.send.offers(offer({ id: 'o1', agent: 'a1', cpus: 1, mem: 100, allocationRole: 'batch' }));
    t.expect.unplaced('web-0', /1 offer allocated to a role the framework does not use/);
    t.expect.declined('o1');
  });

  it('spreads an app with hostname UNIQUE and explains the offers it ruled out', () => {
    const t = placementTicks();
    t.send.running('web-0', { agent: 'a1', hostname: 'h1' });
    const unique = [constraint('UNIQUE', 'hostname')];
    t.send.pending({ node: 'web-1', constraints: unique }, { node: 'web-2', constraints: unique });

    t.send.offers(offer({ id: 'o1', agent: 'a1', hostname: 'h1', cpus: 4, mem: 1024 }), offer({ id: 'o2', agent: 'a2', hostname: 'h2', cpus: 4, mem: 1024 }));

    t.expect.launched('web-1', { agent: 'a2' });
    const reason = t.expect.unplaced('web-2', /^2 offers ruled out by hostname:UNIQUE$/);
    expect(reason.offers).toEqual([
      { offerId: 'o1', agentId: 'a1', hostname: 'h1', ruledOutBy: 'constraint', constraint: 'hostname:UNIQUE', detail: 'hostname=h1 already runs web-0' },
      { offerId: 'o2', agentId: 'a2', hostname: 'h2', ruledOutBy: 'constraint', constraint: 'hostname:UNIQUE', detail: 'hostname=h2 already runs web-1' },
    ]);
    t.expect.declined('o1');
  });

  it("ignores other apps' nodes for inter-node constraints", () => {
    const t = placementTicks();
    t.send.running('db-0', { agent: 'a1', hostname: 'h1', app: 'db' });
    t.send.pending({ node: 'web-0', constraints: [constraint('UNIQUE', 'hostname')] });
    t.send.offers(offer({ agent: 'a1', hostname: 'h1', cpus: 1, mem: 100 }));
    t.expect.launched('web-0', { agent: 'a1' });
  });

  it('spreads over racks with GROUP_BY and caps them with MAX_PER', () => {
    const t = placementTicks();
    const rack = (r: string) => [attribute('rack', r)];
    t.send.running('web-0', { agent: 'a1', attributes: rack('r1') });
    t.send.pending({ node: 'web-1', constraints: [constraint('GROUP_BY', 'rack'), constraint('MAX_PER', 'rack', '1')] });
    t.send.offers(
      offer({ id: 'r1', agent: 'a1b', cpus: 1, mem: 100, attributes: { rack: 'r1' } }),
      offer({ id: 'r2', agent: 'a2', cpus: 1, mem: 100, attributes: { rack: 'r2' } }),
    );
    t.expect.launched('web-1', { offerId: 'r2' });
    t.expect.declined('r1');
  });

  it('summarises every kind of shortfall with the best offer', () => {
    const t = placementTicks();
    t.send.pending({ node: 'big', cpus: 1, memoryMb: 2048, diskMb: 100, ports: [8080] });
    t.send.offers(
      offer({ id: 'o1', agent: 'a1', cpus: 0.5, mem: 4096 }),
      offer({ id: 'o2', agent: 'a2', cpus: 2, mem: 512 }),
      offer({ id: 'o3', agent: 'a3', cpus: 2, mem: 4096, disk: 10 }),
      offer({ id: 'o4', agent: 'a4', cpus: 2, mem: 4096, disk: 1000, ports: [[31000, 31005]] }),
      offer({ id: 'o5', agent: 'a5', cpus: 2, mem: 4096, disk: 1000, attributes: { rack: 'r9' } }),
    );
    const reason = t.expect.unplaced('big');
    expect(reason.summary).toBe(
      'no offer had 1 cpus (best: 0.5 on a1); no offer had 2048 MB mem (best: 512 MB on a2); no offer had 100 MB disk (best: 10 MB on a3); ' +
        'no offer had the ports wanted (port 8080 is not offered; best: 6 on a4)',
    );
    expect(reason.offers.map((o) => [o.offerId, o.ruledOutBy])).toEqual([
      ['o1', 'cpus'],
      ['o2', 'mem'],
      ['o3', 'disk'],
      ['o4', 'ports'],
      ['o5', 'ports'],
    ]);
    expect(reason.offers[0]).toEqual({ offerId: 'o1', agentId: 'a1', hostname: 'a1.example', ruledOutBy: 'cpus', wanted: 1, available: 0.5, detail: 'wanted 1 cpus, offer has 0.5' });
    t.expect.declined('o1', 'o2', 'o3', 'o4', 'o5');
  });

  it('says so when there were no offers at all', () => {
    const t = placementTicks();
    t.send.pending({ node: 'web-0' });
    t.send.offers();
    t.expect.unplaced('web-0', /^no offers to consider$/);
  });

  it('places the next round on the remaining nodes in order', () => {
    const t = placementTicks();
    t.send.pending({ node: 'web-0', cpus: 2 }, { node: 'web-1', cpus: 1 });
    t.send.offers(offer({ agent: 'a1', cpus: 1, mem: 100 }));
    t.expect.unplaced('web-0', /no offer had 2 cpus/);
    t.expect.launched('web-1');
    t.send.offers(offer({ agent: 'a2', cpus: 2, mem: 100 }));
    t.expect.launched('web-0', { agent: 'a2' });
    expect(t.pending).toEqual([]);
  });
});
