/**
 * Custom executors end to end, through the master: a raw scheduler launches
 * the echo executor (a real process with the real MESOS_* environment),
 * exchanges MESSAGEs with it both ways, shuts it down (gracefully, and after
 * the grace period when it ignores SHUTDOWN), and launches task groups,
 * which the master checks and the agent delivers as LAUNCH_GROUP.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, autoAcknowledge, frameworkInfo, smallTaskResources } from '../../helpers/raw-mesos-client';
import { b64, echoExecutor, statusOf } from './support/cluster-support';

jest.setTimeout(30_000);

describe('custom executors through the master', () => {
  let cluster: LocalCluster;
  let fw: RawFramework;
  let offer: any;

  beforeEach(async () => {
    cluster = await createTestCluster({ agentOptions: { executorRegistrationTimeoutMs: 10_000 } });
    fw = new RawFramework(cluster.masterUrl, frameworkInfo('executors'));
    await fw.subscribe();
    autoAcknowledge(fw);
    offer = (await fw.offers()).offers.offers[0];
  });
  afterEach(async () => {
    fw?.close();
    await cluster?.stop();
  });

  async function launch(taskId: string, executor: Record<string, unknown>): Promise<void> {
    const task = { name: taskId, task_id: { value: taskId }, agent_id: offer.agent_id, resources: smallTaskResources(offer), executor };
    const res = await fw.call('ACCEPT', { accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [task] } }], filters: { refuse_seconds: 0 } } });
    expect(res.status).toBe(202);
  }

  const sandboxOf = (executorId: string) => cluster.agents[0]!.executors.run(fw.frameworkId, executorId)!.sandboxPath!;
  const eventsIn = async (sandbox: string) => (await readFile(join(sandbox, 'events.log'), 'utf8')).trim().split('\n');
  const eventsSeenBy = (executorId: string) => eventsIn(sandboxOf(executorId));

  it('runs with the real MESOS_* environment, reaches RUNNING, and carries MESSAGEs both ways', async () => {
    await launch('t1', echoExecutor('E1', undefined, {}, { resources: smallTaskResources(offer), shutdown_grace_period: { nanoseconds: 2_000_000_000 } }));
    const running = await statusOf(fw, 't1', 'TASK_RUNNING');
    expect(running).toMatchObject({ source: 'SOURCE_EXECUTOR', executor_id: { value: 'E1' }, agent_id: offer.agent_id });
    expect(typeof running.uuid).toBe('string');

    const agent = cluster.agents[0]!;
    const sandbox = sandboxOf('E1');
    const env = JSON.parse(await readFile(join(sandbox, 'env.json'), 'utf8')) as Record<string, string>;
    expect(env).toMatchObject({
      MESOS_FRAMEWORK_ID: fw.frameworkId,
      MESOS_EXECUTOR_ID: 'E1',
      MESOS_AGENT_ENDPOINT: `127.0.0.1:${agent.port}`,
      MESOS_SLAVE_PID: `slave(1)@127.0.0.1:${agent.port}`,
      MESOS_SLAVE_ID: offer.agent_id.value,
      MESOS_DIRECTORY: sandbox,
      MESOS_SANDBOX: sandbox,
      MESOS_CHECKPOINT: '0',
      MESOS_HTTP_COMMAND_EXECUTOR: '0',
      MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: '2secs',
    });

    const from = fw.sub.mark();
    const sent = await fw.call('MESSAGE', { message: { agent_id: offer.agent_id, executor_id: { value: 'E1' }, data: b64('ping') } });
    expect(sent.status).toBe(202);
    const reply = await fw.sub.waitFor((e) => e.type === 'MESSAGE', from);
    expect(reply.message).toEqual({ agent_id: offer.agent_id, executor_id: { value: 'E1' }, data: b64('echo:ping') });
    expect(await eventsSeenBy('E1')).toEqual(['SUBSCRIBED', 'LAUNCH', 'ACKNOWLEDGED', 'MESSAGE']);
  });

  it('SHUTDOWN: the executor kills its tasks and exits within the grace period; FAILURE carries its wait status', async () => {
    await launch('t1', echoExecutor('E1', undefined, {}, { resources: smallTaskResources(offer), shutdown_grace_period: { nanoseconds: 5_000_000_000 } }));
    await statusOf(fw, 't1', 'TASK_RUNNING');
    const from = fw.sub.mark();
    const started = Date.now();
    expect((await fw.call('SHUTDOWN', { shutdown: { executor_id: { value: 'E1' }, agent_id: offer.agent_id } })).status).toBe(202);
    const killed = await statusOf(fw, 't1', 'TASK_KILLED', from);
    expect(killed).toMatchObject({ message: 'executor shut down', executor_id: { value: 'E1' } });
    expect(typeof killed.uuid).toBe('string');
    const failure = (await fw.sub.waitFor((e) => e.type === 'FAILURE', from)).failure;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failure).toEqual({ agent_id: offer.agent_id, executor_id: { value: 'E1' }, status: 0 });
  });

  it('SHUTDOWN ignored: the agent kills the executor once the grace period is over and fails its tasks with a uuid', async () => {
    const executor = echoExecutor('E2', undefined, { FIXTURE_IGNORE_SHUTDOWN: '1' }, { resources: smallTaskResources(offer), shutdown_grace_period: { nanoseconds: 500_000_000 } });
    await launch('t2', executor);
    await statusOf(fw, 't2', 'TASK_RUNNING');
    const sandbox = sandboxOf('E2');
    const from = fw.sub.mark();
    const started = Date.now();
    await fw.call('SHUTDOWN', { shutdown: { executor_id: { value: 'E2' }, agent_id: offer.agent_id } });
    const failed = await statusOf(fw, 't2', 'TASK_FAILED', from);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(failed).toMatchObject({ reason: 'REASON_EXECUTOR_TERMINATED', source: 'SOURCE_AGENT', executor_id: { value: 'E2' } });
    expect(typeof failed.uuid).toBe('string');
    const failure = (await fw.sub.waitFor((e) => e.type === 'FAILURE', from)).failure;
    expect(failure).toEqual({ agent_id: offer.agent_id, executor_id: { value: 'E2' }, status: 9 });
    expect(await eventsIn(sandbox)).toContain('SHUTDOWN');
  });

  it('LAUNCH_GROUP: checks resources and executor.framework_id, and delivers a valid group as LAUNCH_GROUP', async () => {
    const custom = (id: string, frameworkId: string | undefined) => ({ ...echoExecutor(id, frameworkId, {}, { resources: smallTaskResources(offer) }), type: 'CUSTOM' });
    const member = (taskId: string, cpus = 0.1) => ({ name: taskId, task_id: { value: taskId }, agent_id: offer.agent_id, resources: smallTaskResources(offer, cpus) });
    const group = (executor: unknown, ...tasks: unknown[]) => ({ type: 'LAUNCH_GROUP', launch_group: { executor, task_group: { tasks } } });
    const operations = [
      group(custom('G-no-id', undefined), member('no-id-1'), member('no-id-2')),
      group(custom('G-big', fw.frameworkId), member('big-1'), member('big-2', 1000)),
      group(custom('G-ok', fw.frameworkId), member('ok-1'), member('ok-2')),
    ];
    expect((await fw.call('ACCEPT', { accept: { offer_ids: [offer.id], operations, filters: { refuse_seconds: 0 } } })).status).toBe(202);

    for (const taskId of ['no-id-1', 'no-id-2']) {
      expect(await statusOf(fw, taskId, 'TASK_ERROR')).toMatchObject({ reason: 'REASON_TASK_GROUP_INVALID', message: "'ExecutorInfo.framework_id' must be set", source: 'SOURCE_MASTER' });
    }
    for (const taskId of ['big-1', 'big-2']) {
      const error = await statusOf(fw, taskId, 'TASK_ERROR');
      expect(error.reason).toBe('REASON_TASK_GROUP_INVALID');
      expect(error.message).toMatch(/^Task uses more resources/);
    }
    await statusOf(fw, 'ok-1', 'TASK_RUNNING');
    await statusOf(fw, 'ok-2', 'TASK_RUNNING');
    const seen = await eventsSeenBy('G-ok');
    expect(seen.slice(0, 2)).toEqual(['SUBSCRIBED', 'LAUNCH_GROUP']);
    expect(seen).not.toContain('LAUNCH');
    expect(cluster.agents[0]!.executors.run(fw.frameworkId, 'G-no-id')).toBeUndefined();
  });
});
