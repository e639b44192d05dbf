import { ManualClock } from '../../../src/util';
import { RequestDeadlines } from '../../../src/store/zookeeper/request-deadlines';

describe('RequestDeadlines', () => {
  it('fails only the requests still registered at their deadline, with one timer', () => {
    const clock = new ManualClock();
    const deadlines = new RequestDeadlines(clock, 1_000);
    const timedOut: string[] = [];
    deadlines.add(() => timedOut.push('a'));
    clock.advance(400);
    const b = deadlines.add(() => timedOut.push('b'));
    deadlines.add(() => timedOut.push('c'));
    expect(clock.pending).toBe(1);
    deadlines.remove(b);
    clock.advance(600);
    expect(timedOut).toEqual(['a']);
    clock.advance(399);
    expect(timedOut).toEqual(['a']);
    clock.advance(1);
    expect(timedOut).toEqual(['a', 'c']);
    expect(deadlines.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('disarms when the last request is answered', () => {
    const clock = new ManualClock();
    const deadlines = new RequestDeadlines(clock, 1_000);
    const id = deadlines.add(() => undefined);
    deadlines.remove(id);
    expect(clock.pending).toBe(0);
    expect(deadlines.armedAtMs).toBe(Infinity);
  });

  it('expires everything at once on demand', () => {
    const clock = new ManualClock();
    const deadlines = new RequestDeadlines(clock, 1_000);
    let count = 0;
    for (let i = 0; i < 5; i++) deadlines.add(() => count++);
    deadlines.expireAll();
    expect(count).toBe(5);
    expect(clock.pending).toBe(0);
  });
});
