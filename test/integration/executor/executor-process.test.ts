import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { decodeFrameworkMessage, encodeFrameworkMessage } from '../../../src/executor';
import type { FakeAgent } from './fake-agent';
import { useFakeAgents } from './harness';

// Each child transpiles the sources it loads, which takes a few seconds.
jest.setTimeout(30_000);

const fixtures = join(__dirname, 'fixtures');

/** Starts fixtures/echo-executor.ts as a real process with the agent's MESOS_* environment. */
function spawnExecutor(agent: FakeAgent, env: Record<string, string | undefined> = {}): { child: ChildProcess; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, ['-r', join(fixtures, 'ts-require.js'), join(fixtures, 'echo-executor.ts')], {
    env: { PATH: process.env.PATH, ...agent.env(env) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, stderr: () => stderr };
}

const message = (text: string) => ({ type: 'MESSAGE', message: { data: Buffer.from(encodeFrameworkMessage('echo-0.1', Buffer.from(text))).toString('base64') } });

describe('an executor in a real child process', () => {
  const agents = useFakeAgents();
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('subscribes, runs the task, echoes messages, reports FINISHED and exits 0', async () => {
    const agent = await agents.start();
    const { child, exit } = spawnExecutor(agent);
    children.push(child);
    await agent.nth('SUBSCRIBE', 1);
    agent.launch('echo-0.1');
    await agent.update('TASK_RUNNING');
    agent.send(message('hi'));
    const echoed = await agent.nth('MESSAGE', 1);
    expect(decodeFrameworkMessage(Buffer.from(echoed.body.message.data, 'base64'))).toEqual({ taskId: 'echo-0.1', data: new Uint8Array(Buffer.from('echo:hi')) });
    agent.send(message('finish'));
    await expect(exit).resolves.toBe(0);
    expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
  });

  it('turns SIGTERM into a kill: TASK_KILLED, then exit 0', async () => {
    const agent = await agents.start();
    const { child, exit } = spawnExecutor(agent);
    children.push(child);
    await agent.nth('SUBSCRIBE', 1);
    agent.launch('echo-0.1');
    await agent.update('TASK_RUNNING');
    child.kill('SIGTERM');
    await expect(exit).resolves.toBe(0);
    expect(agent.updateStates).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLED']);
  });

  it('exits 1 and names the variable when the MESOS_* environment is incomplete', async () => {
    const agent = await agents.start();
    const { child, exit, stderr } = spawnExecutor(agent, { MESOS_FRAMEWORK_ID: undefined });
    children.push(child);
    await expect(exit).resolves.toBe(1);
    expect(stderr()).toContain('MESOS_FRAMEWORK_ID is not set');
  });
});
