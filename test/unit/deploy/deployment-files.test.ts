/**
 * The deployment files we ship must be valid: the Marathon definition is JSON
 * with an HA instance count and a health check, the systemd unit passes
 * `systemd-analyze verify` where it is available, and the Dockerfiles run
 * entry points that exist.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const deploy = join(root, 'examples', 'deploy');

/** `dist/examples/hello/x.js` → `examples/hello/x.ts`, the source that builds it. */
function sourceOf(distPath: string): string {
  return join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

describe('Marathon app definition', () => {
  const app = JSON.parse(readFileSync(join(deploy, 'marathon', 'hello-scheduler.json'), 'utf8'));

  it('runs at least two schedulers on different hosts (one leads, the others stand by)', () => {
    expect(app.id).toMatch(/^\/[a-z0-9/-]+$/);
    expect(app.instances).toBeGreaterThanOrEqual(2);
    expect(app.constraints).toContainEqual(['hostname', 'UNIQUE']);
  });

  it('has an HTTP health check on the scheduler port', () => {
    expect(app.healthChecks).toHaveLength(1);
    const [check] = app.healthChecks;
    expect(['HTTP', 'MESOS_HTTP']).toContain(check.protocol);
    expect(check.path).toBe('/health');
    expect(check.portIndex).toBeLessThan(app.portDefinitions.length);
    expect(app.cmd).toContain('$PORT0');
  });

  it('starts the hello scheduler', () => {
    const script = /node (\S+\.js)/.exec(app.cmd)?.[1];
    expect(script).toBe('dist/examples/hello/scheduler.js');
    expect(existsSync(sourceOf(script as string))).toBe(true);
  });
});

describe('systemd unit', () => {
  const unit = readFileSync(join(deploy, 'systemd', 'catapult-hello.service'), 'utf8');

  it('restarts the member and reads its settings from an environment file', () => {
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/catapult\/hello\.env$/m);
    const env = readFileSync(join(deploy, 'systemd', 'hello.env'), 'utf8');
    for (const name of unit.match(/\$\{(\w+)\}/g) ?? []) {
      expect(env).toContain(`${name.slice(2, -1)}=`);
    }
  });

  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  const maybe = analyze.status === 0 ? it : it.skip;
  maybe('passes systemd-analyze verify', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catapult-unit-'));
    try {
      // verify checks that ExecStart's program exists; point it at this machine's node.
      const node = process.execPath;
      writeFileSync(join(dir, 'catapult-hello.service'), unit.replace('/usr/bin/node', node));
      copyFileSync(join(deploy, 'systemd', 'hello.env'), join(dir, 'hello.env'));
      const result = spawnSync('systemd-analyze', ['verify', '--man=no', join(dir, 'catapult-hello.service')], { encoding: 'utf8' });
      const problems = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.includes('catapult-hello'));
      expect(problems).toEqual([]);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Dockerfiles', () => {
  it.each([
    ['scheduler.Dockerfile', 'dist/examples/hello/scheduler.js'],
    ['executor.Dockerfile', 'dist/examples/hello/executor.js'],
  ])('%s builds the project and runs %s', (file, entry) => {
    const text = readFileSync(join(deploy, 'docker', file), 'utf8');
    expect(text).toMatch(/^FROM node:20/m);
    expect(text).toContain('npm ci');
    expect(text).toContain(`"${entry}"`);
    expect(existsSync(sourceOf(entry))).toBe(true);
    for (const copied of text.matchAll(/^COPY (?!--from)(\S+)/gm)) {
      expect(existsSync(join(root, copied[1] as string))).toBe(true);
    }
  });
});
