import { MockExecutorEnvironment, type AppExecutor, type ExecutableApp } from '../../../src/executor';
import { ManualClock } from '../../../src/util';
import { mesos } from '../../../src/wire';
import { ControlledApp } from './controlled-app';

const Source = mesos.v1.TaskStatus.Source;

describe('MockExecutorEnvironment', () => {
  it('reports STARTING then RUNNING when run starts, and FINISHED when run resolves with exit status 0', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app);
    env.launch({ task_id: { value: 'web-0.1' } });
    await app.whenRunning();
    expect(env.states).toEqual(['TASK_STARTING', 'TASK_RUNNING']);
    app.complete(0);
    await env.waitForState('TASK_FINISHED');
    expect(env.states).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
    await expect(env.exitCode).resolves.toBe(0);
    for (const update of env.updates) {
      expect(update.task_id.value).toBe('web-0.1');
      expect(update.source).toBe(Source.SOURCE_EXECUTOR);
      expect(update.uuid).toHaveLength(16);
      expect(update.executor_id?.value).toBe('mock-executor');
    }
    expect(new Set(env.updates.map((u) => Buffer.from(u.uuid!).toString('hex'))).size).toBe(3);
  });

  it('treats an undefined exit status as success', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app);
    env.launch();
    app.complete(undefined);
    await env.waitForState('TASK_FINISHED');
  });

  it('reports FAILED with the exit status when it is > 0', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app);
    env.launch();
    app.complete(3);
    const failed = await env.waitForState('TASK_FAILED');
    expect(failed.message).toContain('status 3');
  });

  it('reports FAILED with the error message when run throws', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app);
    env.launch();
    app.fail(new Error('disk full'));
    const failed = await env.waitForState('TASK_FAILED');
    expect(failed.message).toContain('disk full');
  });

  it('reports FAILED when run throws synchronously', async () => {
    const app: ExecutableApp = {
      run() {
        throw new Error('bad config');
      },
      kill() {},
      message() {},
      getExitStatus: () => 0,
    };
    const env = new MockExecutorEnvironment(app);
    env.launch();
    expect((await env.waitForState('TASK_FAILED')).message).toContain('bad config');
    expect(env.states).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_FAILED']);
  });

  it('with explicit readiness reports RUNNING only after ready()', async () => {
    const app = new ControlledApp({ readiness: 'explicit' });
    const env = new MockExecutorEnvironment(app);
    env.launch();
    await app.whenRunning();
    expect(env.states).toEqual(['TASK_STARTING']);
    app.executor!.ready();
    app.executor!.ready();
    expect(env.states).toEqual(['TASK_STARTING', 'TASK_RUNNING']);
  });

  it('a KILL calls app.kill() and reports TASK_KILLED, without TASK_KILLING unless the framework has TASK_KILLING_STATE', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app);
    env.launch();
    env.kill();
    await env.waitForState('TASK_KILLED');
    expect(app.killCount).toBe(1);
    expect(env.states).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLED']);
    await expect(env.exitCode).resolves.toBe(0);
  });

  it('sends TASK_KILLING first when the framework has TASK_KILLING_STATE', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app, { taskKillingState: true });
    env.launch();
    env.kill();
    await env.waitForState('TASK_KILLED');
    expect(env.states).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_KILLED']);
  });

  it('reports TASK_KILLED when the kill grace period ends before run settles', async () => {
    const clock = new ManualClock();
    const app = new ControlledApp();
    app.ignoreKill = true;
    const env = new MockExecutorEnvironment(app, { clock });
    env.launch();
    env.kill(2_000);
    clock.advance(1_999);
    expect(env.states).not.toContain('TASK_KILLED');
    clock.advance(1);
    expect((await env.waitForState('TASK_KILLED')).message).toContain('2000 ms');
    app.complete(0);
    await expect(env.exitCode).resolves.toBe(0);
    expect(env.states).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLED']);
  });

  it('uses the TaskInfo kill policy when the KILL has none', async () => {
    const clock = new ManualClock();
    const app = new ControlledApp();
    app.ignoreKill = true;
    const env = new MockExecutorEnvironment(app, { clock });
    env.launch({ kill_policy: { grace_period: { nanoseconds: 500e6 } } });
    env.kill();
    clock.advance(500);
    await env.waitForState('TASK_KILLED');
  });

  it('delivers messages through the envelope, in order, and records what the app sends back', async () => {
    const app = new ControlledApp();
    app.onMessage = (executor: AppExecutor, data: Uint8Array) => executor.message(Buffer.concat([Buffer.from('echo:'), data]));
    const env = new MockExecutorEnvironment(app);
    const taskId = env.launch();
    await app.whenRunning();
    await env.sendMessage(Buffer.from('a'));
    await env.sendMessage(Buffer.from('b'));
    expect(app.received.map((d) => Buffer.from(d).toString())).toEqual(['a', 'b']);
    expect(env.messages.map((m) => [m.taskId, Buffer.from(m.data).toString()])).toEqual([
      [taskId, 'echo:a'],
      [taskId, 'echo:b'],
    ]);
  });

  it('SHUTDOWN kills the app and exits', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app);
    env.launch();
    env.shutdown();
    await expect(env.exitCode).resolves.toBe(0);
    expect(app.killCount).toBe(1);
    expect(env.states.at(-1)).toBe('TASK_KILLED');
  });

  it('AppExecutor.shutdown() stops the app and reports its exit status rather than KILLED', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app);
    env.launch();
    await app.whenRunning();
    await app.executor!.shutdown();
    expect(app.killCount).toBe(1);
    await env.waitForState('TASK_FINISHED');
    await expect(env.exitCode).resolves.toBe(0);
  });

  it('a second task on the same executor is reported as TASK_ERROR and the first keeps running', async () => {
    const app = new ControlledApp();
    const env = new MockExecutorEnvironment(app);
    env.launch({ task_id: { value: 'first' } });
    env.launch({ task_id: { value: 'second' } });
    const error = env.updates.find((u) => u.task_id.value === 'second');
    expect(error?.state).toBe(mesos.v1.TaskState.TASK_ERROR);
    expect(error?.message).toContain('one task');
    expect(app.runCount).toBe(1);
    expect(env.updates.filter((u) => u.task_id.value === 'first').map((u) => u.state)).toEqual([
      mesos.v1.TaskState.TASK_STARTING,
      mesos.v1.TaskState.TASK_RUNNING,
    ]);
  });
});
