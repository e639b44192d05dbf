/**
 * Command tasks end to end, through the master: KILL honours the kill
 * policy's grace period (SIGTERM, then SIGKILL), and a Docker ContainerInfo
 * runs its command on the host with a clear warning — or, with `failDocker`,
 * fails with REASON_CONTAINER_LAUNCH_FAILED.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, autoAcknowledge, frameworkInfo, launchOnNextOffer } from '../../helpers/raw-mesos-client';
import { capturingLogger, statusOf, waitForFile } from './support/cluster-support';

jest.setTimeout(30_000);

const DOCKER = { type: 'DOCKER', docker: { image: 'busybox:1.36' } };

describe('command tasks through the master', () => {
  let cluster: LocalCluster | undefined;
  let fw: RawFramework | undefined;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'catapult-cmd-'));
  });
  afterEach(async () => {
    fw?.close();
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(options: Parameters<typeof createTestCluster>[0], capabilities: Array<{ type: string }> = []): Promise<RawFramework> {
    cluster = await createTestCluster(options);
    const info = frameworkInfo('commands') as { capabilities: Array<{ type: string }> };
    fw = new RawFramework(cluster.masterUrl, { ...info, capabilities: [...info.capabilities, ...capabilities] });
    await fw.subscribe();
    autoAcknowledge(fw);
    return fw;
  }

  it('KILL honours the grace period of the call’s kill policy: TASK_KILLING, SIGTERM ignored, SIGKILL, TASK_KILLED', async () => {
    const f = await start({}, [{ type: 'TASK_KILLING_STATE' }]);
    const ready = join(dir, 'trapped');
    await launchOnNextOffer(f, 'stubborn', 0, { command: { value: `trap '' TERM; touch '${ready}'; sleep 30` } });
    await statusOf(f, 'stubborn', 'TASK_RUNNING');
    await waitForFile(ready);
    const from = f.sub.mark();
    const started = Date.now();
    const kill = { task_id: { value: 'stubborn' }, kill_policy: { grace_period: { nanoseconds: 400_000_000 } } };
    expect((await f.call('KILL', { kill })).status).toBe(202);
    await statusOf(f, 'stubborn', 'TASK_KILLING', from);
    const killed = await statusOf(f, 'stubborn', 'TASK_KILLED', from);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(killed).toMatchObject({ message: 'Command terminated with signal SIGKILL', source: 'SOURCE_EXECUTOR' });
    expect(typeof killed.uuid).toBe('string');
  });

  it('KILL of a task that honours SIGTERM ends it before the grace period', async () => {
    const f = await start({});
    await launchOnNextOffer(f, 'polite', 0, { command: { value: 'exec sleep 30' }, kill_policy: { grace_period: { nanoseconds: 20_000_000_000 } } });
    await statusOf(f, 'polite', 'TASK_RUNNING');
    const started = Date.now();
    await f.call('KILL', { kill: { task_id: { value: 'polite' } } });
    expect((await statusOf(f, 'polite', 'TASK_KILLED')).message).toBe('Command terminated with signal SIGTERM');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(f.sub.events.some((e) => e.type === 'UPDATE' && e.update.status.state === 'TASK_KILLING')).toBe(false);
  });

  it('runs a Docker task’s command on the host and logs a clear warning', async () => {
    const { logger, lines } = capturingLogger();
    const f = await start({ logger });
    const out = join(dir, 'ran');
    await launchOnNextOffer(f, 'docker', 0, { command: { value: `touch '${out}'` }, container: DOCKER });
    await statusOf(f, 'docker', 'TASK_FINISHED');
    await waitForFile(out);
    const warning = lines.find((l) => l.level === 'warn' && /Docker image was NOT used/.test(l.msg));
    expect(warning?.msg).toContain('running the command on the host without isolation');
    expect(warning?.obj).toMatchObject({ image: 'busybox:1.36', taskId: 'docker' });
  });

  it('with failDocker fails a Docker task with TASK_FAILED REASON_CONTAINER_LAUNCH_FAILED', async () => {
    const f = await start({ failDocker: true });
    await launchOnNextOffer(f, 'docker', 0, { command: { value: 'true' }, container: DOCKER });
    const failed = await statusOf(f, 'docker', 'TASK_FAILED');
    expect(failed).toMatchObject({ reason: 'REASON_CONTAINER_LAUNCH_FAILED', message: expect.stringContaining('Docker is not available') });
    expect(typeof failed.uuid).toBe('string');
    const states = f.sub.events.filter((e) => e.type === 'UPDATE' && e.update.status.task_id.value === 'docker').map((e) => e.update.status.state);
    expect(states).toEqual(['TASK_FAILED']);
  });
});
