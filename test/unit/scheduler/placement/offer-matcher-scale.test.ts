import { constraint, offer, pendingNode } from '../../../helpers/offers';
import { MAX_LISTED_REJECTIONS, matchOffers, type PendingNode } from '../../../../src/scheduler/placement';

const offers = Array.from({ length: 20 }, (_, i) => offer({ id: `o${i}`, agent: `a${i}`, cpus: 64, mem: 65_536, ports: [[31_000, 32_000]] }));

function timed(pending: readonly PendingNode[]): { ms: number; launches: number; unplaced: number } {
  const started = process.hrtime.bigint();
  const result = matchOffers(pending, offers);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, launches: result.launches.length, unplaced: result.unplaced.size };
}

describe('offer matching at scale', () => {
  it.each([
    ['identical nodes', (i: number) => pendingNode({ node: `n${i}`, cpus: 1, memoryMb: 128 })],
    ['nodes of distinct sizes', (i: number) => pendingNode({ node: `n${i}`, cpus: 1 + (i % 997) / 1000, memoryMb: 128, ports: [0] })],
    ['hostname UNIQUE over 100 apps', (i: number) => pendingNode({ node: `n${i}`, app: `app${i % 100}`, cpus: 1, memoryMb: 128, constraints: [constraint('UNIQUE', 'hostname')] })],
  ])('matches 10,000 pending nodes against 20 offers quickly: %s', (_name, node) => {
    const pending = Array.from({ length: 10_000 }, (_, i) => node(i));
    const { ms, launches, unplaced } = timed(pending);
    process.stdout.write(`matchOffers: 10,000 pending x 20 offers (${_name}): ${ms.toFixed(0)} ms, ${launches} launched, ${unplaced} unplaced\n`);
    expect(launches + unplaced).toBe(10_000);
    expect(launches).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1_000);
  });

  it('lists the first offers of a reason and counts the rest in the summary', () => {
    const pending = [pendingNode({ node: 'huge', cpus: 128 })];
    const reason = matchOffers(pending, offers).unplaced.get('huge')!;
    expect(reason.offers.map((o) => o.offerId)).toEqual(offers.slice(0, MAX_LISTED_REJECTIONS).map((o) => o.id!.value));
    expect(reason.omitted).toBe(offers.length - MAX_LISTED_REJECTIONS);
    expect(reason.summary).toBe('no offer had 128 cpus (best: 64 on a0)');
  });

  it('explains identical nodes afresh once a placement changed the offers', () => {
    const one = [offer({ id: 'o1', agent: 'a1', cpus: 2, mem: 1024 })];
    const pending = [pendingNode({ node: 'big-0', cpus: 3 }), pendingNode({ node: 'small', cpus: 1.5 }), pendingNode({ node: 'big-1', cpus: 3 })];
    const { unplaced } = matchOffers(pending, one);
    expect(unplaced.get('big-0')?.summary).toBe('no offer had 3 cpus (best: 2 on a1)');
    expect(unplaced.get('big-1')?.summary).toBe('no offer had 3 cpus (best: 0.5 on a1)');
  });
});
