import { dueDeadlines } from '../../../machines';
import { NodeDriver, T0 } from './node-test-kit';

describe('node machine lifecycle', () => {
  it('starts pending with a reason and launches task <nodeId>.1 on a matched offer', () => {
    const n = new NodeDriver();
    expect(n.value).toBe('pending');
    expect(n.context.pendingReason).toBe('waiting for an offer');
    n.send({ type: 'offer.unplaced', reason: 'no offer with 2 cpus' });
    expect(n.context.pendingReason).toBe('no offer with 2 cpus');
    n.offer();
    expect(n.value).toBe('launching');
    expect(n.commands('launch')).toEqual([
      { id: 'web-0#1', type: 'launch', taskId: 'web-0.1', agentId: 'agent-1', hostname: 'agent-1.example', offerId: `offer-${T0}` },
    ]);
    expect(n.context.deadlines.launchTimeout).toBe(T0 + n.context.options.launchTimeoutMs);
  });

  it('walks staging → starting → running and acknowledges every status carrying a uuid', () => {
    const n = new NodeDriver().run();
    expect(n.value).toBe('running');
    const acks = n.commands('acknowledge');
    expect(acks).toHaveLength(3);
    expect(acks[0]).toMatchObject({ agentId: 'agent-1', taskId: 'web-0.1' });
    expect(n.context.deadlines).toEqual({ stable: T0 + n.context.options.stableAfterMs });
    n.drain();
    expect(n.context.outbox).toEqual([]);
  });

  it('does not acknowledge a status without a uuid', () => {
    const n = new NodeDriver().offer().status('TASK_RUNNING', { uuid: undefined });
    expect(n.commands('acknowledge')).toHaveLength(0);
  });

  it('relaunches a failed task with exponential backoff up to the cap, on a new incarnation', () => {
    const n = new NodeDriver({ options: { backoffInitialMs: 1_000, backoffMaxMs: 8_000 } });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      n.run().status('TASK_FAILED');
      expect(n.value).toBe('relaunching');
      delays.push(n.context.deadlines.relaunch! - n.now);
      n.advance(1).send({ type: 'timer', name: 'relaunch' });
      expect(n.value).toBe('relaunching'); // not due yet: a timer only moves the machine once at ≥ deadline
      n.fire('relaunch');
      expect(n.value).toBe('pending');
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(n.context.incarnation).toBe(7);
    expect(n.context.failures).toBe(6);
  });

  it('resets the failure counter after running stably', () => {
    const n = new NodeDriver({ options: { stableAfterMs: 60_000 } });
    n.run().status('TASK_FAILED').fire('relaunch').run().status('TASK_FAILED').fire('relaunch').run();
    expect(n.context.failures).toBe(2);
    n.advance(59_999).fireDue();
    expect(n.context.failures).toBe(2);
    n.advance(1).fireDue();
    expect(n.context.failures).toBe(0);
    expect(n.context.deadlines.stable).toBeUndefined();
    n.status('TASK_FAILED');
    expect(n.context.deadlines.relaunch! - n.now).toBe(n.context.options.backoffInitialMs);
  });

  it('treats a TASK_KILLED nobody asked for as a failure and relaunches', () => {
    const n = new NodeDriver().run().status('TASK_KILLED');
    expect(n.value).toBe('relaunching');
    expect(n.context.failures).toBe(1);
  });

  it('keeps a node killed at the user request killed', () => {
    const n = new NodeDriver().run().send({ type: 'kill' });
    expect(n.value).toBe('killing');
    expect(n.commands('kill')).toEqual([expect.objectContaining({ taskId: 'web-0.1', agentId: 'agent-1' })]);
    n.status('TASK_KILLED');
    expect(n.value).toBe('killed');
    n.advance(3_600_000).fireDue();
    expect(n.value).toBe('killed');
    expect(n.context.failures).toBe(0);
    expect(dueDeadlines(n.context)).toEqual([]);
  });

  it('retries a kill until the task is terminal, without queuing duplicates', () => {
    const n = new NodeDriver({ options: { killRetryMs: 1_000 } }).run().send({ type: 'kill' });
    n.fire('killRetry');
    expect(n.commands('kill')).toHaveLength(1);
    n.drain().fire('killRetry');
    expect(n.commands('kill')).toHaveLength(1);
    expect(n.context.deadlines.killRetry).toBe(n.now + 1_000);
    n.status('TASK_KILLING');
    expect(n.value).toBe('killing');
    n.status('TASK_FINISHED');
    expect(n.value).toBe('killed');
  });

  it('keeps a finished node finished', () => {
    const n = new NodeDriver().run().status('TASK_FINISHED');
    expect(n.value).toBe('finished');
    n.advance(10 ** 9).fireDue().send({ type: 'kill' });
    expect(n.value).toBe('finished');
    n.send({ type: 'relaunch' });
    expect(n.value).toBe('pending');
    expect(n.context.incarnation).toBe(2);
  });

  it('waits for an unreachable task, then treats it as lost, kills it and relaunches', () => {
    const n = new NodeDriver({ options: { unreachableTimeoutMs: 5_000 } }).run().status('TASK_UNREACHABLE');
    expect(n.value).toBe('unreachable');
    n.advance(4_000).status('TASK_RUNNING');
    expect(n.value).toBe('running');
    n.status('TASK_UNREACHABLE').fire('unreachable');
    expect(n.value).toBe('relaunching');
    expect(n.commands('kill')).toEqual([expect.objectContaining({ taskId: 'web-0.1' })]);
    expect(n.context.incarnation).toBe(2);
  });

  it('counts a launch that never got a status as lost', () => {
    const n = new NodeDriver().offer().fire('launchTimeout');
    expect(n.value).toBe('relaunching');
    expect(n.commands('kill')).toEqual([expect.objectContaining({ taskId: 'web-0.1' })]);
  });

  it('removes a running node by killing it first', () => {
    const n = new NodeDriver().run().send({ type: 'remove' });
    expect(n.value).toBe('killing');
    n.status('TASK_KILLED');
    expect(n.value).toBe('removed');
    expect(n.snapshot.status).toBe('done');
  });

  it('pauses by killing and resumes on a new incarnation', () => {
    const n = new NodeDriver().run().send({ type: 'pause' }).status('TASK_KILLED');
    expect(n.value).toBe('paused');
    n.send({ type: 'resume' });
    expect(n.value).toBe('pending');
    expect(n.taskId).toBe('web-0.2');
  });

  it('sends a message to the executor of the live task', () => {
    const n = new NodeDriver().offer().status('TASK_RUNNING', { executorId: 'exec-1' }).send({ type: 'message.send', data: 'aGk=' });
    expect(n.commands('message')).toEqual([{ id: expect.any(String), type: 'message', taskId: 'web-0.1', agentId: 'agent-1', executorId: 'exec-1', data: 'aGk=' }]);
  });

  it('gives up relaunching after maxFailures and rests in failed', () => {
    const n = new NodeDriver({ options: { maxFailures: 2 } }).run().status('TASK_FAILED').fire('relaunch').run().status('TASK_ERROR');
    expect(n.value).toBe('failed');
    expect(dueDeadlines(n.context)).toEqual([]);
  });
});
