import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'undici';
import { createAgentConnection, decodeFrameworkMessage, encodeFrameworkMessage } from '../../../src/executor';
import { ManualClock } from '../../../src/util';
import { ControlledApp } from '../../unit/executor/controlled-app';
import { RecordingLogger } from '../../unit/executor/recording-logger';
import { startExecutor, useFakeAgents } from './harness';

describe('executor updates and messages against a fake agent', () => {
  const agents = useFakeAgents();

  it('resends an update the agent has not acknowledged, and stops once it is ACKNOWLEDGED', async () => {
    const agent = await agents.start({ autoAcknowledge: false });
    const clock = new ManualClock();
    const app = new ControlledApp();
    const logger = new RecordingLogger();
    await startExecutor(agent, app, { clock, logger, updateRetryMs: 10_000 });
    agent.launch('t');
    const running = await agent.update('TASK_RUNNING');
    const starting = await agent.update('TASK_STARTING');
    agent.acknowledge(starting);
    await logger.event('ACKNOWLEDGED', 1);

    clock.advance(10_000);
    const resent = await agent.nth('UPDATE', 3);
    expect(resent.body.update.status.uuid).toBe(running.body.update.status.uuid);
    expect(resent.body.update.status.state).toBe('TASK_RUNNING');

    agent.acknowledge(running);
    await logger.event('ACKNOWLEDGED', 2);
    clock.advance(10 * 60_000);
    // A round trip on the call connection, which carries UPDATEs in order: a resend would have arrived first.
    await app.executor!.message(Buffer.from('sync'));
    expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_RUNNING']);
  });

  it('delivers a MESSAGE event to app.message without the envelope', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    let delivered!: () => void;
    const received = new Promise<void>((resolve) => (delivered = resolve));
    app.onMessage = () => delivered();
    await startExecutor(agent, app);
    agent.launch('t');
    await app.whenRunning();
    agent.send({ type: 'MESSAGE', message: { data: Buffer.from(encodeFrameworkMessage('t', Buffer.from('hello'))).toString('base64') } });
    await received;
    expect(Buffer.from(app.received[0]!).toString()).toBe('hello');
  });

  it('AppExecutor.message sends a MESSAGE call carrying the FrameworkMessage envelope', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    await startExecutor(agent, app);
    agent.launch('web-0.2');
    await app.whenRunning();
    await app.executor!.message(new Uint8Array([1, 2, 3]));
    const call = await agent.nth('MESSAGE', 1);
    expect(call.body.framework_id).toEqual({ value: 'fw-1' });
    expect(call.body.executor_id).toEqual({ value: 'exec-1' });
    expect(decodeFrameworkMessage(Buffer.from(call.body.message.data, 'base64'))).toEqual({ taskId: 'web-0.2', data: new Uint8Array([1, 2, 3]) });
  });

  it('sends the authentication token as a Bearer header on every call and removes it from the environment', async () => {
    const agent = await agents.start();
    const app = new ControlledApp();
    const env = agent.env({ MESOS_EXECUTOR_AUTHENTICATION_TOKEN: 'jwt-token' });
    await startExecutor(agent, app, { env });
    expect(env.MESOS_EXECUTOR_AUTHENTICATION_TOKEN).toBeUndefined();
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    expect(agent.calls.map((c) => c.headers.authorization)).toEqual(agent.calls.map(() => 'Bearer jwt-token'));
  });

  it('reaches the agent over MESOS_DOMAIN_SOCKET when it is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catapult-executor-'));
    try {
      const agent = await agents.start({ socketPath: join(dir, 'agent.sock') });
      const app = new ControlledApp();
      const { exitCode } = await startExecutor(agent, app);
      agent.launch('t');
      await agent.update('TASK_RUNNING');
      app.complete(0);
      await expect(exitCode).resolves.toBe(0);
      expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('subscribes on a connection without a body timeout and sends calls on another one', async () => {
    const agent = await agents.start();
    const created: Array<{ options: Client.Options; client: Client }> = [];
    const env = agent.env();
    const connection = createAgentConnection(`http://${env.MESOS_AGENT_ENDPOINT}/api/v1/executor`, {
      createClient: (origin, options) => {
        const client = new Client(origin, options);
        created.push({ options, client });
        return client;
      },
    });
    const app = new ControlledApp();
    await startExecutor(agent, app, { connection });
    agent.launch('t');
    await agent.update('TASK_RUNNING');
    expect(created).toHaveLength(2);
    const [subscription, calls] = created;
    // Agent heartbeats are 30 minutes apart: any body timeout would cut a healthy stream.
    expect(subscription!.options.bodyTimeout).toBe(0);
    expect(subscription!.options.pipelining).toBe(1);
    expect(subscription!.options.headersTimeout).toBeGreaterThan(0);
    expect(calls!.options.bodyTimeout).toBeGreaterThan(0);
    expect(calls!.client).not.toBe(subscription!.client);
  });
});
