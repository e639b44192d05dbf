import { ExecutorExitCode } from '../../../src/executor';
import { ManualClock } from '../../../src/util';
import { ControlledApp } from '../../unit/executor/controlled-app';
import { RecordingLogger } from '../../unit/executor/recording-logger';
import { startExecutor, useFakeAgents } from './harness';

describe('executor SHUTDOWN', () => {
  const agents = useFakeAgents();

  it('kills the app, reports TASK_KILLED and exits once it is acknowledged', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    const { exitCode } = await startExecutor(agent, app);
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    agent.send({ type: 'SHUTDOWN' });
    await expect(exitCode).resolves.toBe(ExecutorExitCode.OK);
    expect(app.killCount).toBe(1);
    expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLED']);
  });

  it('exits within MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD when the app does not stop', async () => {
    const agent = await agents.start();
    const clock = new ManualClock();
    const app = new ControlledApp();
    app.ignoreKill = true;
    const logger = new RecordingLogger();
    const { exitCode } = await startExecutor(agent, app, { clock, logger, envOverrides: { MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: '4secs' } });
    let exited = false;
    void exitCode.then(() => (exited = true));
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    const start = clock.now();
    agent.send({ type: 'SHUTDOWN' });
    await logger.event('SHUTDOWN');
    expect(app.killCount).toBe(1);
    // Part of the budget is kept for the agent to acknowledge TASK_KILLED.
    clock.advance(2_999);
    expect(agent.updateStates).not.toContain('TASK_KILLED');
    clock.advance(1);
    await agent.update('TASK_KILLED');
    await expect(exitCode).resolves.toBe(ExecutorExitCode.OK);
    expect(exited).toBe(true);
    expect(clock.now() - start).toBeLessThanOrEqual(4_000);
  });

  it('exits at the end of the grace period even if the agent never acknowledges', async () => {
    const agent = await agents.start({ autoAcknowledge: false });
    const clock = new ManualClock();
    const app = new ControlledApp();
    const logger = new RecordingLogger();
    const { exitCode } = await startExecutor(agent, app, { clock, logger, envOverrides: { MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: '4secs' } });
    let exited = false;
    void exitCode.then(() => (exited = true));
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    agent.send({ type: 'SHUTDOWN' });
    await agent.update('TASK_KILLED');
    clock.advance(3_999);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(exited).toBe(false);
    clock.advance(1);
    await expect(exitCode).resolves.toBe(ExecutorExitCode.OK);
  });

  it('exits when SHUTDOWN is the first event and no task was launched', async () => {
    const agent = await agents.start();
    const { exitCode } = await startExecutor(agent, new ControlledApp());
    agent.send({ type: 'SHUTDOWN' });
    agent.endStream();
    await expect(exitCode).resolves.toBe(ExecutorExitCode.OK);
    expect(agent.calls.filter((c) => c.type === 'SUBSCRIBE')).toHaveLength(1);
  });
});
