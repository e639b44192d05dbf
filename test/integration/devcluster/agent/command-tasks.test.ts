import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mesos } from '../../../../src/wire';
import { createAgent, type LocalAgent } from '../../../../src/devcluster/agent';
import type { Logger } from '../../../../src/util/logger';
import { silentLogger } from '../../../../src/util/logger';
import { FakeMaster, commandTask, framework } from './fake-master';

const { TaskState } = mesos.v1;
const Reason = mesos.v1.TaskStatus.Reason;
const KILLING = { type: mesos.v1.FrameworkInfo.Capability.Type.TASK_KILLING_STATE };

function capturingLogger(lines: Array<{ level: string; obj: unknown; msg?: string }>): Logger {
  const make = (level: string) => ((obj: unknown, msg?: string) => void lines.push({ level, obj, msg })) as Logger['warn'];
  const logger: Logger = { ...silentLogger, warn: make('warn'), info: make('info'), child: () => logger };
  return logger;
}

describe('local agent: command tasks as real processes', () => {
  let master: FakeMaster;
  let agent: LocalAgent;
  const logLines: Array<{ level: string; obj: unknown; msg?: string }> = [];

  beforeEach(async () => {
    master = new FakeMaster();
    agent = createAgent({ master, agentId: 'A-S0', killGracePeriodMs: 200, logger: capturingLogger(logLines) });
    await agent.start();
  });
  afterEach(async () => {
    await agent.close();
  });

  it('registers with its resources and id', () => {
    const info = master.registrations[0]?.info;
    expect(info?.id?.value).toBe('A-S0');
    expect(info?.hostname).toBe('localhost');
    expect(info?.port).toBe(agent.port);
    expect(info?.resources?.map((r) => r.name)).toEqual(['cpus', 'mem', 'disk', 'ports']);
  });

  it('runs a shell command to TASK_FINISHED via STARTING and RUNNING', async () => {
    agent.launch(framework('F1'), [commandTask('t-ok', { value: 'exit 0' })]);
    const done = await master.waitFor('t-ok', TaskState.TASK_FINISHED);
    expect(master.states('t-ok')).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
    expect(done.status.agent_id?.value).toBe('A-S0');
    expect(done.status.uuid).toHaveLength(16);
    expect(done.status.source).toBe(mesos.v1.TaskStatus.Source.SOURCE_EXECUTOR);
  });

  it('reports a non-zero exit code as TASK_FAILED with the code', async () => {
    agent.launch(framework('F1'), [commandTask('t-bad', { value: 'exit 3' })]);
    const failed = await master.waitFor('t-bad', TaskState.TASK_FAILED);
    expect(failed.status.message).toBe('Command exited with status 3');
  });

  it('execs the argv form with arguments[0] as argv[0] and ignores arguments in the shell form', async () => {
    const fw = framework('F1');
    agent.launch(fw, [
      // Were arguments[0] not argv[0], sh would get 'sh' as a script file name and fail.
      commandTask('t-argv', { shell: false, value: '/bin/sh', arguments: ['sh', '-c', 'test "$0 $1" = "a0 a1"', 'a0', 'a1'] }),
      commandTask('t-shell', { value: 'test $# -eq 0', arguments: ['ignored', 'also'] }),
    ]);
    await master.waitFor('t-argv', TaskState.TASK_FINISHED);
    await master.waitFor('t-shell', TaskState.TASK_FINISHED);
  });

  it('runs in its sandbox with CommandInfo.environment', async () => {
    const command = {
      value: 'pwd > where.txt; echo "$GREETING" > greeting.txt; echo "$MESOS_SANDBOX" > sandbox.txt',
      environment: { variables: [{ name: 'GREETING', value: 'hi there' }] },
    };
    agent.launch(framework('F1'), [commandTask('t-env', command)]);
    await master.waitFor('t-env', TaskState.TASK_FINISHED);
    const sandbox = (await readFile(join(await findSandbox(agent, 't-env'), 'sandbox.txt'), 'utf8')).trim();
    expect((await readFile(join(sandbox, 'where.txt'), 'utf8')).trim()).toBe(sandbox);
    expect((await readFile(join(sandbox, 'greeting.txt'), 'utf8')).trim()).toBe('hi there');
    expect(sandbox).toContain(join('frameworks', 'F1', 'executors', 't-env', 'runs'));
  });

  it('kills with TASK_KILLING, SIGTERM, then SIGKILL after the grace period', async () => {
    agent.launch(framework('F1', { capabilities: [KILLING] }), [commandTask('t-stubborn', { value: "trap '' TERM; touch trapped; sleep 30" })]);
    await master.waitFor('t-stubborn', TaskState.TASK_RUNNING);
    await waitForFile(join(await findSandbox(agent, 't-stubborn'), 'trapped'));
    const started = Date.now();
    agent.kill('F1', 't-stubborn', { grace_period: { nanoseconds: 300_000_000 } });
    const killed = await master.waitFor('t-stubborn', TaskState.TASK_KILLED);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(killed.status.message).toBe('Command terminated with signal SIGKILL');
    expect(master.states('t-stubborn')).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_KILLED']);
  });

  it('skips TASK_KILLING without the capability, and a SIGTERM-able task dies at once', async () => {
    agent.launch(framework('F1'), [commandTask('t-soft', { value: 'exec sleep 30' }, { kill_policy: { grace_period: { nanoseconds: 20_000_000_000 } } })]);
    await master.waitFor('t-soft', TaskState.TASK_RUNNING);
    agent.kill('F1', 't-soft');
    const killed = await master.waitFor('t-soft', TaskState.TASK_KILLED);
    expect(killed.status.message).toBe('Command terminated with signal SIGTERM');
    expect(master.states('t-soft')).not.toContain('TASK_KILLING');
  });

  it('reports a kill before the launch as REASON_TASK_KILLED_DURING_LAUNCH', async () => {
    agent.launch(framework('F1'), [commandTask('t-early', { value: 'sleep 30' })]);
    agent.kill('F1', 't-early');
    const killed = await master.waitFor('t-early', TaskState.TASK_KILLED);
    expect(killed.status.reason).toBe(Reason.REASON_TASK_KILLED_DURING_LAUNCH);
  });

  it('runs a Docker task without isolation, with a warning', async () => {
    const container = { type: mesos.v1.ContainerInfo.Type.DOCKER, docker: { image: 'busybox:1.36' } };
    agent.launch(framework('F1'), [commandTask('t-docker', { value: 'exit 0' }, { container })]);
    await master.waitFor('t-docker', TaskState.TASK_FINISHED);
    expect(logLines.some((l) => l.level === 'warn' && /Docker image was NOT used/.test(l.msg ?? ''))).toBe(true);
  });
});

describe('local agent: failDocker', () => {
  it('fails Docker tasks with REASON_CONTAINER_LAUNCH_FAILED', async () => {
    const master = new FakeMaster();
    const agent = createAgent({ master, agentId: 'A-S1', failDocker: true });
    await agent.start();
    try {
      const container = { type: mesos.v1.ContainerInfo.Type.DOCKER, docker: { image: 'busybox:1.36' } };
      agent.launch(framework('F1'), [commandTask('t-docker', { value: 'exit 0' }, { container })]);
      const failed = await master.waitFor('t-docker', TaskState.TASK_FAILED);
      expect(failed.status.reason).toBe(Reason.REASON_CONTAINER_LAUNCH_FAILED);
      expect(master.states('t-docker')).toEqual(['TASK_FAILED']);
    } finally {
      await agent.close();
    }
  });
});

/** Resolves once `path` exists (the task signals readiness through its sandbox). */
async function waitForFile(path: string): Promise<void> {
  const { access } = await import('node:fs/promises');
  for (;;) {
    try {
      await access(path);
      return;
    } catch {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

async function findSandbox(agent: LocalAgent, taskId: string): Promise<string> {
  const { readdir } = await import('node:fs/promises');
  const runs = join(agent.workDir as string, 'slaves', 'A-S0', 'frameworks', 'F1', 'executors', taskId, 'runs');
  const [container] = await readdir(runs);
  return join(runs, container as string);
}
