import { ReconciliationPlanner } from '../../../../src/scheduler/reconciliation';
import { ManualClock } from '../../../../src/util';

function planner(clock: ManualClock) {
  return new ReconciliationPlanner({ clock, initialBackoffMs: 1_000, maxBackoffMs: 4_000, implicitIntervalMs: 60_000 });
}

const t1 = { taskId: 'web-0.1', agentId: 'a1' };
const t2 = { taskId: 'web-1.1' };

describe('ReconciliationPlanner', () => {
  it('reconciles explicitly with truncated exponential backoff until every task answered, then implicitly', () => {
    const clock = new ManualClock(0);
    const p = planner(clock);
    expect(p.due()).toBeUndefined();

    p.start([t1, t2]);
    expect(p.due()).toEqual({ kind: 'explicit', tasks: [t1, t2] });
    expect(p.nextDueAt()).toBe(1_000);
    expect(p.due()).toBeUndefined();

    const sentAt: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock.set(p.nextDueAt() ?? 0);
      expect(p.due()).toEqual({ kind: 'explicit', tasks: [t1, t2] });
      sentAt.push(clock.now());
    }
    expect(sentAt).toEqual([1_000, 3_000, 7_000, 11_000, 15_000]);

    p.onUpdate('web-0.1');
    clock.set(p.nextDueAt() ?? 0);
    expect(p.due()).toEqual({ kind: 'explicit', tasks: [t2] });

    clock.advance(500);
    p.onUpdate('web-1.1');
    expect(p.nextDueAt()).toBe(clock.now());
    expect(p.due()).toEqual({ kind: 'implicit', tasks: [] });

    expect(p.nextDueAt()).toBe(clock.now() + 60_000);
    clock.advance(60_000);
    expect(p.due()).toEqual({ kind: 'implicit', tasks: [] });
    clock.advance(59_999);
    expect(p.due()).toBeUndefined();
  });

  it('goes straight to implicit reconciliation when there is nothing to reconcile explicitly', () => {
    const clock = new ManualClock(0);
    const p = planner(clock);
    p.start([]);
    expect(p.due()).toEqual({ kind: 'implicit', tasks: [] });
  });

  it('ignores updates from before the task was asked about', () => {
    const clock = new ManualClock(10_000);
    const p = planner(clock);
    p.start([t1]);
    p.onUpdate('web-0.1', 9_999);
    expect(p.outstanding()).toEqual([t1]);
    p.onUpdate('web-0.1', 10_000);
    expect(p.outstanding()).toEqual([]);
  });

  it('restarts the loop on a new SUBSCRIBED, resetting the backoff and the task set', () => {
    const clock = new ManualClock(0);
    const p = planner(clock);
    p.start([t1]);
    for (let i = 0; i < 4; i++) {
      clock.set(p.nextDueAt() ?? 0);
      p.due();
    }
    p.start([t2]);
    expect(p.due()).toEqual({ kind: 'explicit', tasks: [t2] });
    expect(p.nextDueAt()).toBe(clock.now() + 1_000);
  });

  it('adds a silent launched task to the explicit set, even during the periodic phase', () => {
    const clock = new ManualClock(0);
    const p = planner(clock);
    p.start([]);
    p.due();
    clock.advance(5_000);
    p.add([t1]);
    expect(p.due()).toEqual({ kind: 'explicit', tasks: [t1] });
  });

  it('plans nothing after stop', () => {
    const clock = new ManualClock(0);
    const p = planner(clock);
    p.start([t1]);
    p.stop();
    expect(p.nextDueAt()).toBeUndefined();
    clock.advance(1e9);
    expect(p.due()).toBeUndefined();
  });

  it('defaults to an implicit reconciliation every 15 minutes', () => {
    const clock = new ManualClock(0);
    const p = new ReconciliationPlanner({ clock });
    p.start([]);
    p.due();
    expect(p.nextDueAt()).toBe(15 * 60_000);
  });
});
