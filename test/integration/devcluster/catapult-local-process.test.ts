/**
 * `catapult local` as a real process, as a user runs it: `--help` lists every
 * flag, a bad flag exits 2 naming it, a run prints SEED= and the master URL
 * and serves a scheduler, and Ctrl-C (SIGINT) stops it with every process it
 * started, command tasks included. Then two `catapult local` processes share
 * one ZooKeeper: their masters elect one leader across processes, the other
 * redirects to it, and takes over when the leader's process is stopped.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawFramework, autoAcknowledge, frameworkInfo, launchOnNextOffer, post } from '../../helpers/raw-mesos-client';
import { useZooKeeper } from '../../helpers/zookeeper';
import { statusOf, waitForFile } from './support/cluster-support';
import { alive, descendants, spawnCli, type CliProcess } from './support/cli-process';

jest.setTimeout(60_000);

const EVERY_FLAG = [
  '--agents', '--masters', '--port', '--zk', '--resources', '--attributes', '--heartbeat-ms', '--allocation-ms', '--simulated', '--fail-docker',
  '--seed', '--log-level', '--drop-updates', '--duplicate-updates', '--reorder-updates', '--delay-updates', '--fail-calls',
  '--partition-agent-after', '--heal-after', '--failover-master-after', '--chaos', '--help',
];

describe('catapult local as a process', () => {
  const running: CliProcess[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'catapult-cli-'));
  });
  afterEach(() => {
    for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const start = (args: string[]) => {
    const p = spawnCli(['local', '--port', '0', '--log-level', 'error', '--heartbeat-ms', '500', '--allocation-ms', '50', ...args]);
    running.push(p);
    return p;
  };

  it('lists every flag in --help, and exits 2 naming a bad flag', async () => {
    const [help, bogus, bad] = [spawnCli(['local', '--help']), spawnCli(['local', '--bogus']), spawnCli(['local', '--agents', 'zero'])];
    running.push(help, bogus, bad);
    expect(await help.exited).toBe(0);
    for (const flag of EVERY_FLAG) expect(help.out()).toContain(flag);
    expect(await bogus.exited).toBe(2);
    expect(bogus.err()).toContain('unknown flag --bogus');
    expect(await bad.exited).toBe(2);
    expect(bad.err()).toContain('--agents "zero" is invalid');
  });

  it('prints SEED= and the master URL, serves a scheduler, and on SIGINT exits leaving no child process behind', async () => {
    const cli = start(['--seed', '7']);
    const url = (await cli.waitForOutput(/Master: (\S+)/))[1]!;
    await cli.waitForOutput(/Agents: /);
    expect(cli.out()).toContain('SEED=7\n');

    const fw = new RawFramework(url, frameworkInfo('cli'));
    await fw.subscribe();
    autoAcknowledge(fw);
    const pidFile = join(dir, 'sleep.pid');
    await launchOnNextOffer(fw, 'sleeper', 0, { command: { value: `echo $$ > '${pidFile}'; exec sleep 30` } });
    await statusOf(fw, 'sleeper', 'TASK_RUNNING');
    await waitForFile(pidFile);
    const sleepPid = Number((await readFile(pidFile, 'utf8')).trim());
    const tree = descendants(cli.child.pid!);
    expect(tree).toContain(sleepPid);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    fw.close();
    expect(cli.out()).toContain('stopping the local cluster');
    expect(alive(sleepPid)).toBe(false);
    expect(tree.filter(alive)).toEqual([]);
  });

  describe('two processes, one ZooKeeper', () => {
    const zk = useZooKeeper();

    it('elect one leader across processes; the other redirects, then takes over when the leader stops', async () => {
      const zkUrl = `zk://${zk.connectString}/mesos`;
      const a = start(['--zk', zkUrl, '--seed', '1']);
      const urlA = (await a.waitForOutput(/Master: (\S+)/))[1]!;
      await a.waitForOutput(/Agents: /);
      const b = start(['--zk', zkUrl, '--seed', '2']);
      const urlB = (await b.waitForOutput(/Master: (\S+)/))[1]!;
      await b.waitForOutput(/Agents: /);
      const portA = new URL(urlA).port;

      const subscribeCall = JSON.stringify({ type: 'SUBSCRIBE', subscribe: { framework_info: frameworkInfo('two') } });
      const redirected = await post(urlB, subscribeCall);
      expect(redirected.status).toBe(307);
      expect(redirected.headers.location).toBe(`//127.0.0.1:${portA}/master/api/v1/scheduler`);

      a.child.kill('SIGINT');
      expect(await a.exited).toBe(0);
      const fw = new RawFramework(urlB, frameworkInfo('two'));
      // B answers 307 (to A) or 503 until ZooKeeper tells it that it leads.
      const started = Date.now();
      for (;;) {
        const ok = await fw.subscribe().then(() => true, () => false);
        if (ok) break;
        if (Date.now() - started > 20_000) throw new Error('the second process never took over');
        await new Promise((r) => setImmediate(r));
      }
      expect(fw.sub.events[0]!.type).toBe('SUBSCRIBED');
      const offer = (await fw.offers()).offers.offers[0];
      expect(offer.url.address.port).not.toBe(0);
      fw.close();
      b.child.kill('SIGINT');
      expect(await b.exited).toBe(0);
    });
  });
});
