import { ManualClock } from '../../../src/util';
import { ControlledApp } from '../../unit/executor/controlled-app';
import { isV4Uuid, uuidBytes } from './fake-agent';
import { startExecutor, useFakeAgents } from './harness';

describe('executor task lifecycle against a fake agent', () => {
  const agents = useFakeAgents();

  it('SUBSCRIBE carries both ids and an empty subscribe, as JSON', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    await startExecutor(agent, app);
    const subscribe = await agent.nth('SUBSCRIBE', 1);
    expect(subscribe.body).toEqual({ type: 'SUBSCRIBE', framework_id: { value: 'fw-1' }, executor_id: { value: 'exec-1' }, subscribe: {} });
    expect(subscribe.headers['content-type']).toBe('application/json');
    expect(subscribe.headers.accept).toBe('application/json');
  });

  it('LAUNCH → STARTING, RUNNING; run resolving → FINISHED; exits 0 after the agent acknowledges', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    const { exitCode } = await startExecutor(agent, app);
    agent.launch('web-0.1');
    await agent.update('TASK_RUNNING');
    expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING']);
    app.complete(0);
    await expect(exitCode).resolves.toBe(0);
    expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
    const uuids = new Set<string>();
    for (const call of agent.calls.filter((c) => c.type === 'UPDATE')) {
      const status = call.body.update.status;
      expect(call.body.framework_id).toEqual({ value: 'fw-1' });
      expect(call.body.executor_id).toEqual({ value: 'exec-1' });
      expect(status.task_id).toEqual({ value: 'web-0.1' });
      expect(status.source).toBe('SOURCE_EXECUTOR');
      expect(status.executor_id).toEqual({ value: 'exec-1' });
      expect(typeof status.timestamp).toBe('number');
      expect(isV4Uuid(uuidBytes(status.uuid))).toBe(true);
      uuids.add(status.uuid);
    }
    expect(uuids.size).toBe(3);
  });

  it('exit status 3 → TASK_FAILED with the status in the message', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    const { exitCode } = await startExecutor(agent, app);
    agent.launch('t');
    await app.whenRunning();
    app.complete(3);
    const failed = await agent.update('TASK_FAILED');
    expect(failed.body.update.status.message).toContain('status 3');
    await expect(exitCode).resolves.toBe(0);
  });

  it('run throwing → TASK_FAILED with the error', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    await startExecutor(agent, app);
    agent.launch('t');
    await app.whenRunning();
    app.fail(new Error('cannot bind port'));
    expect((await agent.update('TASK_FAILED')).body.update.status.message).toContain('cannot bind port');
  });

  it('KILL → app.kill() and TASK_KILLED (TASK_KILLING first with TASK_KILLING_STATE)', async () => {
    const agent = await agents.start({ capabilities: ['TASK_KILLING_STATE'] });
    const app = new ControlledApp();
    const { exitCode } = await startExecutor(agent, app);
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    agent.send({ type: 'KILL', kill: { task_id: { value: 't' } } });
    await agent.update('TASK_KILLED');
    expect(app.killCount).toBe(1);
    expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_KILLED']);
    await expect(exitCode).resolves.toBe(0);
  });

  it('honours the KILL event kill policy when the app does not stop', async () => {
    const agent = await agents.start();
    const clock = new ManualClock();
    const app = new ControlledApp();
    app.ignoreKill = true;
    await startExecutor(agent, app, { clock });
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    agent.send({ type: 'KILL', kill: { task_id: { value: 't' }, kill_policy: { grace_period: { nanoseconds: 3_000_000_000 } } } });
    await waitUntil(() => app.killCount === 1);
    clock.advance(2_999);
    expect(agent.updateStates).not.toContain('TASK_KILLED');
    clock.advance(1);
    expect((await agent.update('TASK_KILLED')).body.update.status.message).toContain('3000 ms');
  });

  it('with explicit readiness sends RUNNING only after ready()', async () => {
    const agent = await agents.start();
    const app = new ControlledApp({ readiness: 'explicit' });
    await startExecutor(agent, app);
    agent.launch('t');
    await agent.update('TASK_STARTING');
    await app.whenRunning();
    // A round trip through the agent proves nothing else was queued behind STARTING.
    await app.executor!.message(Buffer.from('ping'));
    expect(agent.updateStates).toEqual(['TASK_STARTING']);
    app.executor!.ready();
    await agent.update('TASK_RUNNING');
    expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING']);
  });

  it('LAUNCH_GROUP runs the first task and reports the others as TASK_ERROR', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    await startExecutor(agent, app);
    const task = (id: string) => ({ name: id, task_id: { value: id }, agent_id: { value: 'agent-1' } });
    agent.send({ type: 'LAUNCH_GROUP', launch_group: { task_group: { tasks: [task('a'), task('b')] } } });
    const error = await agent.update('TASK_ERROR');
    expect(error.body.update.status.task_id).toEqual({ value: 'b' });
    expect(error.body.update.status.message).toContain('one task');
    await agent.update('TASK_RUNNING');
    expect(app.runCount).toBe(1);
    expect(app.executor!.taskInfo.task_id.value).toBe('a');
  });

  it('does not exit before the final update is ACKNOWLEDGED', async () => {
    const agent = await agents.start({ autoAcknowledge: false });
    const app = new ControlledApp();
    const { exitCode } = await startExecutor(agent, app);
    let exited = false;
    void exitCode.then(() => (exited = true));
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    app.complete(0);
    const finished = await agent.update('TASK_FINISHED');
    // Another round trip: the executor had every chance to exit by now.
    await app.executor!.message(Buffer.from('x'));
    expect(exited).toBe(false);
    agent.acknowledge(finished);
    for (const call of agent.calls.filter((c) => c.type === 'UPDATE' && c !== finished)) agent.acknowledge(call);
    await expect(exitCode).resolves.toBe(0);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setImmediate(resolve));
}
