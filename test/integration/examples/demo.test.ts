/**
 * `catapult demo --exit-after-demo` end to end, as a user runs it after
 * `npm run build`: ZooKeeper, the local cluster, two hello schedulers as
 * child processes, a task failure and a leader failover, then a clean exit.
 * Needs the build (the schedulers are compiled child processes); skipped
 * with a note when `dist/` is missing.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isZooKeeperInstalled } from '../../../src/localzk';

const root = join(__dirname, '..', '..', '..');
const built = existsSync(join(root, 'dist', 'src', 'cli', 'main.js')) && existsSync(join(root, 'dist', 'examples', 'hello', 'scheduler.js'));
const maybe = built && isZooKeeperInstalled() ? it : it.skip;
if (!built) process.stderr.write('demo.test.ts: skipped, run `npm run build` first\n');

describe('catapult demo', () => {
  maybe('runs the hello framework with a standby, fails a task and the leader, narrates both, and exits 0', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'catapult.js'), 'demo', '--exit-after-demo', '--port', '0', '--nodes', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let proxied: Promise<unknown> | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const url = /Dashboard: (\S+)/.exec(stdout)?.[1];
      // The one URL is the leading scheduler's dashboard (through the proxy).
      if (url && !proxied) proxied = fetch(`${url}api/overview`).then((r) => r.json());
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect({ code, stderr: stderr.split('\n').filter((l) => l.startsWith('catapult demo')) }).toEqual({ code: 0, stderr: [] });
    expect(stdout).toMatch(/ZooKeeper: 127\.0\.0\.1:\d+ \(throwaway/);
    expect(stdout).toMatch(/Schedulers: a \(pid \d+\) leads, b \(pid \d+\) stands by/);
    expect(stdout).toMatch(/hello: 3 nodes running in [\d.]+ s/);
    expect(stdout).toMatch(/killing task hello-\d+\.1 \(pid \d+ on agent \S+\)/);
    expect(stdout).toMatch(/hello-(\d+)\.1 failed → relaunched as hello-\1\.2 after [\d.]+ s backoff/);
    expect(stdout).toMatch(/killing leader pid \d+ \(scheduler a\) with SIGKILL/);
    expect(stdout).toMatch(/standby \(scheduler b, pid \d+\) elected in [\d.]+ s, 3 nodes restored, 0 relaunched/);
    expect(stdout).toMatch(/stopped\n$/);
    expect(await proxied).toMatchObject({ framework: { leader: true }, apps: [{ name: 'hello' }] });
  }, 110_000);
});
