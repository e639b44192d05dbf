/**
 * The hello executor's app, driven by the shipped MockExecutorEnvironment:
 * it runs until killed and answers "ping" with "pong".
 */
import { MockExecutorEnvironment } from '../../../src/executor';
import { PingPongApp } from '../../../examples/hello/ping-pong-app';

const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

describe('hello executor app', () => {
  it('answers ping with pong, ignores other messages, and ends KILLED when killed', async () => {
    const env = new MockExecutorEnvironment(new PingPongApp());
    env.launch({ task_id: { value: 'hello-0.1' } });
    await env.waitForState('TASK_RUNNING');

    await env.sendMessage(Buffer.from('ping'));
    await env.sendMessage(Buffer.from('hello?'));
    expect(env.messages.map((m) => [m.taskId, text(m.data)])).toEqual([['hello-0.1', 'pong']]);

    env.kill();
    await env.waitForState('TASK_KILLED');
    expect(env.states).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLED']);
    await expect(env.exitCode).resolves.toBe(0);
  });
});
