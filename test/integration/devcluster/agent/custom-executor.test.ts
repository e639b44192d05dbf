import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { mesos } from '../../../../src/wire';
import { createAgent, type LocalAgent } from '../../../../src/devcluster/agent';
import { FakeMaster, framework } from './fake-master';

const { TaskState } = mesos.v1;
const FIXTURE = resolve(__dirname, '../../../fixtures/executors/echo-executor.js');

function executorInfo(id: string, env: Record<string, string> = {}): mesos.v1.IExecutorInfo {
  return {
    executor_id: { value: id },
    command: {
      value: process.execPath,
      shell: false,
      arguments: ['node', FIXTURE],
      environment: { variables: Object.entries(env).map(([name, value]) => ({ name, value })) },
    },
    shutdown_grace_period: { nanoseconds: 2_000_000_000 },
  };
}

function executorTask(taskId: string, executor: mesos.v1.IExecutorInfo): mesos.v1.ITaskInfo {
  return { name: taskId, task_id: { value: taskId }, agent_id: { value: 'A-S0' }, resources: [], executor };
}

async function post(agent: LocalAgent, body: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${agent.port}/api/v1/executor`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

describe('local agent: custom executors as real processes', () => {
  let master: FakeMaster;
  let agent: LocalAgent;

  beforeEach(async () => {
    master = new FakeMaster();
    agent = createAgent({ master, agentId: 'A-S0', executorRegistrationTimeoutMs: 10_000 });
    await agent.start();
  });
  afterEach(async () => {
    await agent.close();
  });

  it('subscribes, gets LAUNCH, reports RUNNING, echoes messages and is shut down within its grace period', async () => {
    const executor = executorInfo('E1');
    agent.launch(framework('F1', { checkpoint: true }), [executorTask('t1', executor)]);
    const running = await master.waitFor('t1', TaskState.TASK_RUNNING);
    expect(running.status.executor_id?.value).toBe('E1');
    expect(running.status.agent_id?.value).toBe('A-S0');

    agent.frameworkMessage('F1', 'E1', Buffer.from('ping'));
    expect(await master.waitForMessage((d) => d.startsWith('echo:'))).toBe('echo:ping');

    agent.shutdownExecutor('F1', 'E1');
    await master.waitFor('t1', TaskState.TASK_KILLED);
    const exit = await master.waitForExit();
    expect(exit.waitStatus).toBe(0);
  });

  it('gives the executor every MESOS_* variable, CommandInfo.environment winning', async () => {
    agent.launch(framework('F1', { checkpoint: true }), [executorTask('t1', executorInfo('E1', { MESOS_CHECKPOINT: '1', EXTRA: 'x' }))]);
    await master.waitFor('t1', TaskState.TASK_RUNNING);
    const sandbox = agent.executors.run('F1', 'E1')?.sandboxPath as string;
    const env = JSON.parse(await readFile(join(sandbox, 'env.json'), 'utf8')) as Record<string, string>;
    expect(env).toMatchObject({
      MESOS_FRAMEWORK_ID: 'F1',
      MESOS_EXECUTOR_ID: 'E1',
      MESOS_AGENT_ENDPOINT: `127.0.0.1:${agent.port}`,
      MESOS_SLAVE_PID: `slave(1)@127.0.0.1:${agent.port}`,
      MESOS_SLAVE_ID: 'A-S0',
      MESOS_DIRECTORY: sandbox,
      MESOS_SANDBOX: sandbox,
      MESOS_CHECKPOINT: '1',
      MESOS_HTTP_COMMAND_EXECUTOR: '0',
      MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: '2secs',
      MESOS_RECOVERY_TIMEOUT: '15mins',
      MESOS_SUBSCRIPTION_BACKOFF_MAX: '2secs',
      EXTRA: 'x',
    });
  });

  it('delivers a LAUNCH_GROUP, and reports the executor exit with terminal updates for its tasks', async () => {
    const executor = { ...executorInfo('E2'), framework_id: { value: 'F1' }, type: mesos.v1.ExecutorInfo.Type.CUSTOM };
    const group = { tasks: [executorTask('g1', executor), executorTask('g2', executor)].map((t) => ({ ...t, executor: undefined })) };
    agent.launchGroup(framework('F1'), executor, group);
    await master.waitFor('g1', TaskState.TASK_RUNNING);
    await master.waitFor('g2', TaskState.TASK_RUNNING);
    process.kill(-(agent.executors.run('F1', 'E2')?.process?.pid as number), 'SIGKILL');
    const failed = await master.waitFor('g1', TaskState.TASK_FAILED);
    expect(failed.status.reason).toBe(mesos.v1.TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
    expect(failed.status.uuid).toHaveLength(16);
    expect((await master.waitForExit()).waitStatus).toBe(9);
  });

  it('fails the tasks of an executor that never subscribes', async () => {
    await agent.close();
    agent = createAgent({ master, agentId: 'A-S0', executorRegistrationTimeoutMs: 300 });
    await agent.start();
    agent.launch(framework('F1'), [executorTask('t1', executorInfo('E3', { FIXTURE_NO_SUBSCRIBE: '1' }))]);
    const failed = await master.waitFor('t1', TaskState.TASK_FAILED);
    expect(failed.status.reason).toBe(mesos.v1.TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
    await master.waitForExit();
  });

  it('validates executor calls', async () => {
    agent.launch(framework('F1', { checkpoint: true }), [executorTask('t1', executorInfo('E1'))]);
    await master.waitFor('t1', TaskState.TASK_RUNNING);
    const ids = { framework_id: { value: 'F1' }, executor_id: { value: 'E1' } };
    const status = { task_id: { value: 't1' }, state: 'TASK_RUNNING', source: 'SOURCE_EXECUTOR', uuid: Buffer.alloc(16).toString('base64') };
    expect((await post(agent, { ...ids, type: 'UPDATE', update: { status } })).status).toBe(400);
    const uuid = Buffer.from('00000000000040008000000000000000', 'hex').toString('base64');
    expect((await post(agent, { ...ids, type: 'UPDATE', update: { status: { ...status, uuid, source: 'SOURCE_AGENT' } } })).status).toBe(400);
    expect((await post(agent, { ...ids, type: 'UPDATE', update: { status: { ...status, uuid, state: 'TASK_STAGING' } } })).status).toBe(400);
    expect((await post(agent, { ...ids, type: 'UPDATE', update: { status: { ...status, uuid, executor_id: { value: 'other' } } } })).status).toBe(400);
    expect((await post(agent, { ...ids, type: 'HEARTBEAT' })).status).toBe(202);
    expect((await post(agent, { ...ids, type: 'UPDATE' }, 'application/json; charset=utf-8')).status).toBe(415);
    expect((await post(agent, { framework_id: { value: 'nope' }, executor_id: { value: 'E1' }, type: 'MESSAGE', message: { data: '' } })).text).toBe(
      'Framework cannot be found',
    );
  });

  it('answers 403 to calls before the executor subscribed', async () => {
    agent.launch(framework('F1'), [executorTask('t1', executorInfo('E4', { FIXTURE_NO_SUBSCRIBE: '1' }))]);
    await new Promise((r) => setImmediate(r));
    const ids = { framework_id: { value: 'F1' }, executor_id: { value: 'E4' } };
    const res = await post(agent, { ...ids, type: 'MESSAGE', message: { data: 'aGk=' } });
    expect(res).toEqual({ status: 403, text: 'Executor is not subscribed' });
  });
});
