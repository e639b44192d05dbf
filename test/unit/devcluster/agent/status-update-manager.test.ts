import { mesos } from '../../../../src/wire';
import { newUuidBytes } from '../../../../src/wire';
import { ManualClock } from '../../../../src/util/clock';
import { silentLogger } from '../../../../src/util/logger';
import { StatusUpdateManager } from '../../../../src/devcluster/agent/status-update-manager';

const { TaskState } = mesos.v1;

function status(taskId: string, state: mesos.v1.TaskState): mesos.v1.ITaskStatus {
  return { task_id: { value: taskId }, state, uuid: newUuidBytes() };
}

function setup() {
  const clock = new ManualClock();
  const sent: Array<{ frameworkId: string; status: mesos.v1.ITaskStatus }> = [];
  const closed: string[] = [];
  const sum = new StatusUpdateManager({
    clock,
    logger: silentLogger,
    initialRetryMs: 10_000,
    maxRetryMs: 600_000,
    forward: (frameworkId, s) => sent.push({ frameworkId, status: s }),
    onStreamClosed: (_f, taskId) => closed.push(taskId),
  });
  sum.connect();
  return { clock, sent, closed, sum };
}

describe('status-update manager', () => {
  it('holds back later updates of a task until the in-flight one is acknowledged', () => {
    const { sent, sum, closed } = setup();
    const running = status('t', TaskState.TASK_RUNNING);
    const finished = status('t', TaskState.TASK_FINISHED);
    sum.update('F', running);
    sum.update('F', finished);
    sum.update('F', status('other', TaskState.TASK_RUNNING));
    expect(sent.map((s) => s.status.task_id.value)).toEqual(['t', 'other']);
    expect(sum.acknowledge('F', 't', finished.uuid as Uint8Array)).toBe(false);
    expect(sum.acknowledge('F', 't', running.uuid as Uint8Array)).toBe(true);
    expect(sent.at(-1)?.status).toBe(finished);
    sum.acknowledge('F', 't', finished.uuid as Uint8Array);
    expect(closed).toEqual(['t']);
  });

  it('retries after 10 s, doubling up to the cap, until acknowledged', () => {
    const { clock, sent, sum } = setup();
    const running = status('t', TaskState.TASK_RUNNING);
    sum.update('F', running);
    clock.advance(9_999);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent).toHaveLength(2);
    clock.advance(19_999);
    expect(sent).toHaveLength(2);
    clock.advance(1);
    expect(sent).toHaveLength(3);
    clock.advance(40_000 + 80_000 + 160_000 + 320_000 + 600_000);
    expect(sent).toHaveLength(8);
    clock.advance(600_000);
    expect(sent).toHaveLength(9);
    sum.acknowledge('F', 't', running.uuid as Uint8Array);
    clock.advance(3_600_000);
    expect(sent).toHaveLength(9);
    expect(clock.pending).toBe(0);
  });

  it('drops duplicates, sends nothing while disconnected and resends on reconnection', () => {
    const { clock, sent, sum } = setup();
    const running = status('t', TaskState.TASK_RUNNING);
    sum.disconnect();
    expect(sum.update('F', running)).toBe(true);
    expect(sum.update('F', { ...running })).toBe(false);
    clock.advance(60_000);
    expect(sent).toHaveLength(0);
    sum.connect();
    expect(sent).toHaveLength(1);
    sum.connect();
    expect(sent).toHaveLength(2);
  });
});
