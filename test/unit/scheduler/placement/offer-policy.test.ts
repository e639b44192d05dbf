import { declineRefuseSeconds, initialOfferState, nextOfferActions, type OfferState } from '../../../../src/scheduler/placement';

describe('offer policy', () => {
  it('declines briefly while nodes are pending and for long when idle, within Mesos bounds', () => {
    expect(declineRefuseSeconds(3)).toBe(5);
    expect(declineRefuseSeconds(0)).toBe(3600);
    expect(declineRefuseSeconds(0, { idleRefuseSeconds: 1e9 })).toBe(31_536_000);
    expect(declineRefuseSeconds(1, { pendingRefuseSeconds: 30 })).toBe(30);
  });

  it('suppresses when nothing is pending and revives when work appears, as ticks', () => {
    let state: OfferState = initialOfferState();
    const tick = (pending: number): string[] => {
      const decision = nextOfferActions(state, pending);
      state = decision.state;
      return decision.actions.map((a) => a.type);
    };
    expect(tick(0)).toEqual(['SUPPRESS']);
    expect(tick(0)).toEqual([]);
    expect(tick(2)).toEqual(['REVIVE']);
    expect(tick(1)).toEqual([]);
    expect(tick(2)).toEqual(['REVIVE']);
    expect(tick(2)).toEqual([]);
    expect(tick(0)).toEqual(['SUPPRESS']);
    expect(state).toEqual({ suppressed: true, pendingCount: 0 });
  });
});
