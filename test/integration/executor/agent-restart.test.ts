import { ExecutorClient, ExecutorExitCode, readExecutorEnvironment } from '../../../src/executor';
import { ManualClock, seededRandom } from '../../../src/util';
import { ControlledApp } from '../../unit/executor/controlled-app';
import { RecordingLogger } from '../../unit/executor/recording-logger';
import { startExecutor, useFakeAgents } from './harness';

const checkpointing = { MESOS_CHECKPOINT: '1', MESOS_RECOVERY_TIMEOUT: '1mins', MESOS_SUBSCRIPTION_BACKOFF_MAX: '10ms' };

describe('executor and agent restarts', () => {
  const agents = useFakeAgents();

  it('re-subscribes after an agent restart (stream cut, one 503) with its unacknowledged tasks and updates', async () => {
    const agent = await agents.start({ autoAcknowledge: false });
    const app = new ControlledApp();
    const logger = new RecordingLogger();
    const { exitCode } = await startExecutor(agent, app, { envOverrides: checkpointing, logger });
    agent.launch('web-0.1');
    await agent.update('TASK_RUNNING');

    agent.subscribeFailures.push({ status: 503, body: 'Agent has not finished recovery' });
    agent.cutStream();
    const resubscribe = await agent.nth('SUBSCRIBE', 3);
    expect(agent.calls.filter((c) => c.type === 'SUBSCRIBE')).toHaveLength(3);
    expect(resubscribe.body.subscribe.unacknowledged_tasks.map((t: any) => t.task_id.value)).toEqual(['web-0.1']);
    expect(resubscribe.body.subscribe.unacknowledged_updates.map((u: any) => u.status.state)).toEqual(['TASK_STARTING', 'TASK_RUNNING']);
    const sentUuids = agent.calls.filter((c) => c.type === 'UPDATE').map((c) => c.body.update.status.uuid);
    expect(resubscribe.body.subscribe.unacknowledged_updates.map((u: any) => u.status.uuid)).toEqual(sentUuids);
    expect(logger.lines.some((l) => l.fields.err && (l.fields.err as { code?: string }).code === 'CATAPULT_AGENT_RECOVERING')).toBe(true);

    // The restarted agent stores the replayed updates and the task goes on.
    await logger.event('SUBSCRIBED', 2);
    for (const call of agent.calls.filter((c) => c.type === 'UPDATE')) agent.acknowledge(call);
    agent.autoAcknowledge = true;
    app.complete(0);
    await expect(exitCode).resolves.toBe(ExecutorExitCode.OK);
    expect(agent.updateStates.at(-1)).toBe('TASK_FINISHED');
    expect(app.killCount).toBe(0);
  });

  it('a task that ends while the agent restarts waits past the final-ack timeout for the re-subscription', async () => {
    const agent = await agents.start({ autoAcknowledge: false });
    const clock = new ManualClock();
    const app = new ControlledApp();
    const logger = new RecordingLogger();
    const env = { ...checkpointing, MESOS_SUBSCRIPTION_BACKOFF_MAX: '1secs' };
    const { exitCode } = await startExecutor(agent, app, { clock, logger, envOverrides: env, finalAckTimeoutMs: 30_000 });
    let exited = false;
    void exitCode.then(() => (exited = true));
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    agent.subscribeFailures.push({ status: 503, body: 'Agent has not finished recovery' });
    agent.cutStream();
    await logger.nth('not subscribed to the agent; retrying SUBSCRIBE', 1);
    app.complete(0);
    await logger.waitFor((l) => l.msg === 'task ended');

    clock.advance(31_000);
    await logger.nth('not subscribed to the agent; retrying SUBSCRIBE', 2);
    expect(exited).toBe(false);
    clock.advance(1_000);
    const resubscribe = await agent.nth('SUBSCRIBE', 3);
    const replayed = resubscribe.body.subscribe.unacknowledged_updates;
    expect(replayed.map((u: any) => u.status.state)).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
    await logger.event('SUBSCRIBED', 2);
    for (const update of replayed) agent.send({ type: 'ACKNOWLEDGED', acknowledged: { task_id: update.status.task_id, uuid: update.status.uuid } });
    await expect(exitCode).resolves.toBe(ExecutorExitCode.OK);
  });

  it('a later re-subscription carries only what is still unacknowledged', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    const logger = new RecordingLogger();
    await startExecutor(agent, app, { envOverrides: checkpointing, logger });
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    await logger.event('ACKNOWLEDGED', 2);
    agent.cutStream();
    const resubscribe = await agent.nth('SUBSCRIBE', 2);
    expect(resubscribe.body.subscribe).toEqual({});
  });

  it('exits when the stream is lost and the framework does not checkpoint', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    const { exitCode } = await startExecutor(agent, app);
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    agent.cutStream();
    await expect(exitCode).resolves.toBe(ExecutorExitCode.AGENT_LOST);
    expect(app.killCount).toBe(1);
    expect(agent.calls.filter((c) => c.type === 'SUBSCRIBE')).toHaveLength(1);
  });

  it('gives up after MESOS_RECOVERY_TIMEOUT with a typed error', async () => {
    const agent = await agents.start();
    const clock = new ManualClock();
    const env = readExecutorEnvironment(agent.env({ ...checkpointing, MESOS_RECOVERY_TIMEOUT: '30secs', MESOS_SUBSCRIPTION_BACKOFF_MAX: '2secs' }));
    const logger = new RecordingLogger();
    const client = new ExecutorClient({ environment: env, clock, random: seededRandom(1), logger });
    for (let i = 0; i < 100; i++) agent.subscribeFailures.push({ status: 503, body: 'Agent has not finished recovery' });
    const ended = client.start({ onEvent: () => undefined });
    let result: Awaited<typeof ended> | undefined;
    void ended.then((r) => (result = r));
    let attempts = 0;
    while (result === undefined) {
      attempts++;
      // The client logs this line just before it arms its backoff timer.
      await Promise.race([logger.nth('not subscribed to the agent; retrying SUBSCRIBE', attempts), ended]);
      clock.advance(2_000);
    }
    await client.close();
    expect(result).toMatchObject({ reason: 'lost', error: { code: 'CATAPULT_EXECUTOR_RECOVERY_TIMEOUT' } });
    // At most 2 s between attempts within a 30 s budget.
    const subscribes = agent.calls.filter((c) => c.type === 'SUBSCRIBE').length;
    expect(subscribes).toBeGreaterThanOrEqual(15);
    expect(subscribes).toBeLessThan(40);
    expect(subscribes).toBe(attempts);
  });

  it('gives up at once on a fatal answer to SUBSCRIBE', async () => {
    const agent = await agents.start();
    agent.subscribeFailures.push({ status: 400, body: 'Executor cannot be found' });
    const logger = new RecordingLogger();
    const { exitCode } = await startExecutor(agent, new ControlledApp(), { envOverrides: checkpointing, logger });
    await expect(exitCode).resolves.toBe(ExecutorExitCode.AGENT_LOST);
    const line = await logger.waitFor((l) => l.msg === 'giving up on the agent');
    expect((line.fields.err as { code: string }).code).toBe('CATAPULT_AGENT_BAD_REQUEST');
  });
});
