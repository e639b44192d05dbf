import { decodeFrameworkMessage, encodeFrameworkMessage, TaskStatusFactory } from '../../../src/executor';
import { UnacknowledgedLedger } from '../../../src/executor/unacknowledged-ledger';
import { UpdateRetrier } from '../../../src/executor/update-retrier';
import { ManualClock, seededRandom } from '../../../src/util';
import { isValidUuidBytes, mesos } from '../../../src/wire';

const TaskState = mesos.v1.TaskState;

describe('UnacknowledgedLedger', () => {
  const statuses = new TaskStatusFactory('exec-1', new ManualClock(), seededRandom(3));
  const task = { name: 't', task_id: { value: 't1' }, agent_id: { value: 'a' } };

  it('keeps tasks and updates until ACKNOWLEDGED, oldest first', () => {
    const ledger = new UnacknowledgedLedger();
    ledger.addTask(task);
    const starting = ledger.addUpdate({ status: statuses.build('t1', TaskState.TASK_STARTING) });
    const running = ledger.addUpdate({ status: statuses.build('t1', TaskState.TASK_RUNNING) });
    expect(ledger.unacknowledgedTasks()).toEqual([task]);
    expect(ledger.unacknowledgedUpdates().map((u) => u.status.state)).toEqual([TaskState.TASK_STARTING, TaskState.TASK_RUNNING]);

    expect(ledger.acknowledge('t1', starting.update.status.uuid!)).toBe(starting);
    expect(ledger.unacknowledgedTasks()).toEqual([]);
    expect(ledger.unacknowledgedUpdates()).toEqual([running.update]);
    expect(ledger.acknowledge('t1', starting.update.status.uuid!)).toBeUndefined();
  });

  it('resolves drained() once the last update is acknowledged', async () => {
    const ledger = new UnacknowledgedLedger();
    await ledger.drained();
    const entry = ledger.addUpdate({ status: statuses.build('t1', TaskState.TASK_FINISHED) });
    let drained = false;
    const waiting = ledger.drained().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    ledger.acknowledge('t1', entry.update.status.uuid!);
    await waiting;
    expect(drained).toBe(true);
  });
});

describe('TaskStatusFactory', () => {
  it('stamps a fresh valid v4 uuid, the executor source and id, and the time in seconds', () => {
    const clock = new ManualClock(1_700_000_000_500);
    const factory = new TaskStatusFactory('exec-1', clock, seededRandom(1));
    const a = factory.build('t1', TaskState.TASK_RUNNING, { message: 'hi' });
    const b = factory.build('t1', TaskState.TASK_RUNNING);
    expect(isValidUuidBytes(a.uuid)).toBe(true);
    expect(a.uuid![6]! >> 4).toBe(4);
    expect(Buffer.from(a.uuid!).equals(Buffer.from(b.uuid!))).toBe(false);
    expect(a).toMatchObject({ task_id: { value: 't1' }, source: mesos.v1.TaskStatus.Source.SOURCE_EXECUTOR, executor_id: { value: 'exec-1' }, timestamp: 1_700_000_000.5, message: 'hi' });
  });

  it('refuses TASK_STAGING, which executors must never send', () => {
    const factory = new TaskStatusFactory('exec-1', new ManualClock(), seededRandom(1));
    expect(() => factory.build('t1', TaskState.TASK_STAGING)).toThrow(RangeError);
  });
});

describe('UpdateRetrier', () => {
  it('resends after the initial delay, doubling up to the cap, until cancelled', () => {
    const clock = new ManualClock();
    const sent: number[] = [];
    const retrier = new UpdateRetrier(clock, 1_000, 3_000, () => sent.push(clock.now()));
    const start = clock.now();
    retrier.schedule({ key: 'k', taskId: 't', update: { status: { task_id: { value: 't' }, state: TaskState.TASK_RUNNING } } });
    clock.advance(1_000 + 2_000 + 3_000 + 3_000);
    expect(sent.map((t) => t - start)).toEqual([1_000, 3_000, 6_000, 9_000]);
    retrier.cancel('k');
    clock.advance(60_000);
    expect(sent).toHaveLength(4);
    expect(retrier.size).toBe(0);
  });
});

describe('the FrameworkMessage envelope', () => {
  it('round-trips the task id and the bytes', () => {
    const bytes = encodeFrameworkMessage('web-0.3', new Uint8Array([0, 1, 255]));
    expect(decodeFrameworkMessage(bytes)).toEqual({ taskId: 'web-0.3', data: new Uint8Array([0, 1, 255]) });
  });
});
