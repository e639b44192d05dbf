import { resolve } from 'node:path';
import { mesos } from '../../../../src/wire';
import { createAgent, type LocalAgent } from '../../../../src/devcluster/agent';
import { FakeMaster, framework } from './fake-master';

const { TaskState } = mesos.v1;
const Reason = mesos.v1.TaskStatus.Reason;
const FIXTURE = resolve(__dirname, '../../../fixtures/executors/echo-executor.js');

function executorInfo(id: string, env: Record<string, string>): mesos.v1.IExecutorInfo {
  return {
    executor_id: { value: id },
    command: {
      value: process.execPath,
      shell: false,
      arguments: ['node', FIXTURE],
      environment: { variables: Object.entries(env).map(([name, value]) => ({ name, value })) },
    },
  };
}

function executorTask(taskId: string, executor: mesos.v1.IExecutorInfo): mesos.v1.ITaskInfo {
  return { name: taskId, task_id: { value: taskId }, agent_id: { value: 'A-S0' }, resources: [], executor };
}

describe('local agent: restart', () => {
  let master: FakeMaster;
  let agent: LocalAgent;

  beforeEach(async () => {
    master = new FakeMaster();
    agent = createAgent({ master, agentId: 'A-S0', recoveryDelayMs: 300, executorReregistrationTimeoutMs: 5_000 });
    await agent.start();
  });
  afterEach(async () => {
    await agent.close();
  });

  it('keeps checkpointed executors, replays their unacknowledged updates and declares lost launches', async () => {
    const executor = executorInfo('E1', { FIXTURE_FINISH_WHILE_DISCONNECTED: '1', FIXTURE_IGNORE_TASK: 't2' });
    agent.launch(framework('F1', { checkpoint: true }), [executorTask('t1', executor), executorTask('t2', executor)]);
    await master.waitFor('t1', TaskState.TASK_RUNNING);
    const pid = agent.executors.run('F1', 'E1')?.process?.pid;

    await agent.restart();
    expect(master.disconnects).toEqual(['A-S0']);
    const during = await fetch(`http://127.0.0.1:${agent.port}/api/v1/executor`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ framework_id: { value: 'F1' }, executor_id: { value: 'E1' }, type: 'SUBSCRIBE', subscribe: {} }),
    });
    expect(during.status).toBe(503);
    expect(await during.text()).toBe('Agent has not finished recovery');

    const finished = await master.waitFor('t1', TaskState.TASK_FINISHED);
    expect(finished.status.message).toBe('finished while the agent was away');
    const lost = await master.waitFor('t2', TaskState.TASK_LOST);
    expect(lost.status.reason).toBe(Reason.REASON_AGENT_RESTARTED);
    expect(agent.executors.run('F1', 'E1')?.process?.pid).toBe(pid);
    expect(master.registrations).toHaveLength(2);
    expect(master.exits).toHaveLength(0);
  });

  it('kills the executors of non-checkpointing frameworks', async () => {
    agent.launch(framework('F2'), [executorTask('t1', executorInfo('E1', {}))]);
    await master.waitFor('t1', TaskState.TASK_RUNNING);
    const child = agent.executors.run('F2', 'E1')?.process;
    await agent.stop();
    const exit = await child?.exited;
    expect(exit?.signal).toBe('SIGKILL');
    await agent.restart();
    await until(() => agent.state === 'running');
    expect(master.registrations.at(-1)?.tasks).toEqual([]);
    expect(master.exits).toHaveLength(0);
  });

  it('re-registers after a partition, reports its running tasks and resends unacknowledged updates', async () => {
    master.autoAck = false;
    agent.launch(framework('F3'), [{ name: 's', task_id: { value: 's1' }, agent_id: { value: 'A-S0' }, resources: [], command: { value: 'sleep 30' } }]);
    const starting = await master.waitFor('s1', TaskState.TASK_STARTING);
    // RUNNING is held back behind the unacknowledged STARTING; wait until the agent has it.
    await until(() => agent.registry.task('F3', 's1')?.state === TaskState.TASK_RUNNING);
    agent.partition();
    expect(master.disconnects).toEqual(['A-S0']);
    agent.heal();
    expect(master.registrations).toHaveLength(2);
    expect(master.registrations[1]?.tasks.map((t) => [t.task.task_id.value, TaskState[t.state]])).toEqual([['s1', 'TASK_RUNNING']]);
    expect(master.states('s1')).toEqual(['TASK_STARTING', 'TASK_STARTING']);
    agent.acknowledge('F3', 's1', starting.status.uuid as Uint8Array);
    await master.waitFor('s1', TaskState.TASK_RUNNING);
  });
});

function until(condition: () => boolean): Promise<void> {
  return new Promise<void>((done) => {
    const poll = (): void => (condition() ? done() : void setImmediate(poll));
    poll();
  });
}
