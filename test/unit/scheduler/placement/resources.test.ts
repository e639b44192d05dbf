import {
  ResourcePool,
  countPorts,
  lowestPorts,
  normalizeRanges,
  portsToRanges,
  removePorts,
  reservationRole,
  toThousandths,
  fromThousandths,
} from '../../../../src/scheduler/placement';
import { offer, ranges, scalar } from '../../../helpers/offers';

describe('port ranges (inclusive)', () => {
  it('counts inclusive ranges and merges adjacent ones', () => {
    expect(countPorts([{ begin: 31000, end: 32000 }])).toBe(1001);
    expect(normalizeRanges([{ begin: 5, end: 6 }, { begin: 1, end: 4 }, { begin: 9, end: 8 }])).toEqual([{ begin: 1, end: 6 }]);
  });

  it('takes the lowest ports, skipping excluded ones, and removes ports by splitting ranges', () => {
    expect(lowestPorts([{ begin: 10, end: 12 }, { begin: 20, end: 30 }], 4, new Set([11]))).toEqual([10, 12, 20, 21]);
    expect(removePorts([{ begin: 10, end: 15 }], [10, 12, 15])).toEqual([{ begin: 11, end: 11 }, { begin: 13, end: 14 }]);
    expect(portsToRanges([3, 1, 2, 7])).toEqual([{ begin: 1, end: 3 }, { begin: 7, end: 7 }]);
  });
});

describe('scalar math in thousandths', () => {
  it('splits an offer without floating-point drift', () => {
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', cpus: 0.3, mem: 100 }));
    expect(pool.take([{ cpus: 0.1, memoryMb: 10 }]).ok).toBe(true);
    expect(pool.take([{ cpus: 0.2, memoryMb: 10 }]).ok).toBe(true);
    expect(pool.available('cpus')).toBe(0);
    expect(fromThousandths(toThousandths(0.1) + toThousandths(0.2))).toBe(0.3);
  });
});

describe('ResourcePool', () => {
  it('totals an offer per resource name', () => {
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', cpus: 2, mem: 1024, disk: 500, ports: [[31000, 31009]] }));
    expect(pool.totals()).toEqual({ cpus: 2, mem: 1024, disk: 500, ports: 10 });
  });

  it('echoes offered resources with role, reservation and allocation_info intact, changing only scalar and ranges', () => {
    const reserved = scalar('cpus', 0.5, { role: 'web', reservation: { principal: 'ops' }, allocation_info: { role: 'web' } });
    const unreserved = scalar('cpus', 4, { role: '*', allocation_info: { role: 'web' } });
    const mem = scalar('mem', 256, { allocation_info: { role: 'web' } });
    const ports = ranges('ports', [[31000, 31005]], { allocation_info: { role: 'web' } });
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', resources: [unreserved, reserved, mem, ports] }));

    const taken = pool.take([{ cpus: 1, memoryMb: 128, ports: [0, 0] }]);

    expect(taken.ok).toBe(true);
    if (!taken.ok) return;
    expect(taken.allocations[0]).toEqual({
      ports: [31000, 31001],
      resources: [
        { name: 'cpus', type: 0, scalar: { value: 0.5 }, role: 'web', reservation: { principal: 'ops' }, allocation_info: { role: 'web' } },
        { name: 'cpus', type: 0, scalar: { value: 0.5 }, role: '*', allocation_info: { role: 'web' } },
        { name: 'mem', type: 0, scalar: { value: 128 }, allocation_info: { role: 'web' } },
        { name: 'ports', type: 1, ranges: { range: [{ begin: 31000, end: 31001 }] }, allocation_info: { role: 'web' } },
      ],
    });
    expect(reserved.scalar).toEqual({ value: 0.5 });
  });

  it('uses reserved resources before unreserved ones and reads the refined reservation stack', () => {
    const refined = scalar('mem', 64, { reservations: [{ role: 'eng', type: 2 as never }, { role: 'eng/web', type: 2 as never }] });
    expect(reservationRole(refined)).toBe('eng/web');
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', mem: 1000, resources: [refined] }));
    const taken = pool.take([{ cpus: 0, memoryMb: 64 }]);
    expect(taken.ok && taken.allocations[0]?.resources).toEqual([refined]);
  });

  it('ignores resources reserved for roles the framework does not use, revocable resources and persistent volumes', () => {
    const other = scalar('cpus', 8, { role: 'batch' });
    const revocable = scalar('cpus', 8, { revocable: {} });
    const volume = scalar('disk', 1000, { role: 'web', disk: { persistence: { id: 'v1' } } });
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', cpus: 1, disk: 10, resources: [other, revocable, volume] }), { roles: ['web'] });
    expect(pool.totals()).toEqual({ cpus: 1, disk: 10 });
    expect(ResourcePool.fromOffer(offer({ agent: 'a1', resources: [revocable] }), { useRevocable: true }).available('cpus')).toBe(8);
  });

  it('carries several tasks from one offer and never hands out a port twice', () => {
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', cpus: 3, mem: 300, ports: [[31000, 31002]] }));
    const first = pool.take([{ cpus: 1, memoryMb: 100, ports: [0] }]);
    const second = pool.take([{ cpus: 1, memoryMb: 100, ports: [0, 31002] }]);
    const third = pool.take([{ cpus: 1, memoryMb: 100, ports: [0] }]);
    expect(first.ok && first.allocations[0]?.ports).toEqual([31000]);
    expect(second.ok && second.allocations[0]?.ports).toEqual([31001, 31002]);
    expect(third).toEqual({ ok: false, shortfall: { resource: 'ports', wanted: 1, available: 0, detail: 'wanted 1 ports, offer has 0' } });
    expect(pool.available('cpus')).toBe(1);
  });

  it('gives a fixed port exactly and does not let an earlier "any" port take it', () => {
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', cpus: 1, mem: 100, ports: [[8080, 8081]] }));
    const taken = pool.take([{ cpus: 0.1, memoryMb: 10, ports: [0, 8080] }]);
    expect(taken.ok && taken.allocations[0]?.ports).toEqual([8081, 8080]);
    expect(pool.check([{ cpus: 0.1, memoryMb: 10, ports: [9090] }])).toEqual({ resource: 'ports', wanted: 1, available: 0, detail: 'port 9090 is not offered' });
  });

  it('takes a task and its executor together, all or nothing, each with its own resources', () => {
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', cpus: 1.01, mem: 160 }));
    const tooMuch = pool.take([{ cpus: 1, memoryMb: 128 }, { cpus: 0.1, memoryMb: 32 }]);
    expect(tooMuch).toMatchObject({ ok: false, shortfall: { resource: 'cpus', wanted: 1.1, available: 1.01 } });
    expect(pool.available('cpus')).toBe(1.01);
    const taken = pool.take([{ cpus: 1, memoryMb: 128 }, { cpus: 0.01, memoryMb: 32 }]);
    expect(taken.ok && taken.allocations.map((a) => a.resources.map((r) => [r.name, r.scalar?.value]))).toEqual([
      [['cpus', 1], ['mem', 128]],
      [['cpus', 0.01], ['mem', 32]],
    ]);
  });

  it('reads 64-bit range bounds given as strings', () => {
    const pool = ResourcePool.fromOffer(offer({ agent: 'a1', resources: [{ name: 'ports', type: 1 as never, ranges: { range: [{ begin: '31000', end: '31001' }] } }] }));
    expect(pool.availablePorts()).toEqual([{ begin: 31000, end: 31001 }]);
  });
});
