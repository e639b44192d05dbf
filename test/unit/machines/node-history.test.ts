import { NodeDriver } from './node-test-kit';

describe('node history and incarnations', () => {
  it('journals every transition with its cause', () => {
    const n = new NodeDriver().run().send({ type: 'kill' }).status('TASK_KILLED', { reason: 'REASON_TASK_KILLED_DURING_LAUNCH', source: 'SOURCE_EXECUTOR' });
    const h = n.context.history;
    expect(h.map((e) => `${e.from}→${e.to}`)).toEqual([
      'null→pending',
      'pending→launching',
      'launching→staging',
      'staging→starting',
      'starting→running',
      'running→killing',
      'killing→killed',
    ]);
    expect(h[0]!.cause).toEqual({ kind: 'created' });
    expect(h[1]!.cause).toMatchObject({ kind: 'offer', agentId: 'agent-1' });
    expect(h[5]!.cause).toEqual({ kind: 'operator', command: 'kill' });
    expect(h[6]!.cause).toEqual({
      kind: 'mesos',
      taskId: 'web-0.1',
      state: 'TASK_KILLED',
      reason: 'REASON_TASK_KILLED_DURING_LAUNCH',
      source: 'SOURCE_EXECUTOR',
      uuid: expect.any(String),
    });
  });

  it('sends a status of an older incarnation to history only, and still acknowledges it', () => {
    const n = new NodeDriver().run().status('TASK_FAILED').fire('relaunch').run();
    expect(n.taskId).toBe('web-0.2');
    const before = { value: n.value, failures: n.context.failures, lastStatus: n.context.lastStatus };
    n.send({ type: 'task.status', taskId: 'web-0.1', state: 'TASK_FINISHED', agentId: 'agent-9', uuid: 'c3RhbGU=' });
    n.send({ type: 'task.status', taskId: 'web-0.1', state: 'TASK_RUNNING', agentId: 'agent-9' });
    expect({ value: n.value, failures: n.context.failures, lastStatus: n.context.lastStatus }).toEqual(before);
    const last = n.context.history.slice(-2);
    expect(last.map((e) => [e.from, e.to, e.cause])).toEqual([
      ['running', 'running', { kind: 'mesos', taskId: 'web-0.1', state: 'TASK_FINISHED', uuid: 'c3RhbGU=', stale: true }],
      ['running', 'running', { kind: 'mesos', taskId: 'web-0.1', state: 'TASK_RUNNING', stale: true }],
    ]);
    expect(n.commands('acknowledge').at(-1)).toMatchObject({ agentId: 'agent-9', taskId: 'web-0.1', uuid: 'c3RhbGU=' });
  });

  it('keeps at most historyLimit entries, the newest', () => {
    const n = new NodeDriver({ options: { historyLimit: 5 } });
    for (let i = 0; i < 4; i++) n.run().status('TASK_FAILED').fire('relaunch');
    expect(n.context.history).toHaveLength(5);
    expect(n.context.history.at(-1)).toMatchObject({ from: 'relaunching', to: 'pending', cause: { kind: 'timer', name: 'relaunch' } });
  });
});
