/**
 * Source hygiene rules that keep time and randomness injectable, and keep the
 * layers pointing down. Each rule names the files it allows.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'machines'))].map((f) => ({
  path: relative(root, f),
  // Comments may mention the banned calls; code may not.
  code: readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1'),
}));

/** Files that own real time or real randomness, or only run at an entry point. */
const TIME_OWNERS = [/^src\/util\/(clock|random)\.ts$/, /^src\/localzk\//, /^src\/cli\//, /^src\/store\/zookeeper\/zk-client\.ts$/];

describe('tidy', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each([
    ['Date.now()', /\bDate\.now\(\)/],
    ['Math.random()', /\bMath\.random\(\)/],
    ['a bare setTimeout', /(^|[^.\w])setTimeout\(/m],
    ['a bare setInterval', /(^|[^.\w])setInterval\(/m],
  ])('no %s outside the clock and random owners (inject a Clock or Random)', (_name, pattern) => {
    const offenders = files.filter((f) => !TIME_OWNERS.some((re) => re.test(f.path)) && pattern.test(f.code)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('machines/ imports xstate only (pure definitions, no I/O)', () => {
    const offenders = files
      .filter((f) => f.path.startsWith('machines/'))
      .flatMap((f) => [...f.code.matchAll(/from\s+'([^']+)'/g)].map((m) => ({ path: f.path, spec: m[1] as string })))
      .filter(({ spec }) => !spec.startsWith('.') && spec !== 'xstate' && !spec.startsWith('xstate/'));
    expect(offenders).toEqual([]);
  });

  it('the local cluster is a peer: src/devcluster never imports the scheduler, executor, transport, nodes or catapult layers', () => {
    const offenders = files
      .filter((f) => f.path.startsWith('src/devcluster/'))
      .filter((f) => /from\s+'(\.\.\/)+(scheduler|executor|transport|nodes|catapult)(\/|')/.test(f.code))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('src/executor never imports src/store', () => {
    const offenders = files.filter((f) => f.path.startsWith('src/executor/') && /from\s+'(\.\.\/)+store(\/|')/.test(f.code)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('third-party packages enter through their seams', () => {
    const seams: Record<string, RegExp> = {
      'node-zookeeper-client': /^src\/store\/zookeeper\//,
      undici: /^src\/(transport|executor)\//,
      protobufjs: /^src\/wire\//,
      pino: /^(src\/cli\/|src\/logging\/|examples\/)/,
    };
    const offenders: string[] = [];
    for (const f of files) {
      for (const [pkg, allowed] of Object.entries(seams)) {
        const imports = new RegExp(`from\\s+'${pkg}(/[^']*)?'|require\\('${pkg}(/[^']*)?'\\)`).test(f.code);
        if (imports && !allowed.test(f.path)) offenders.push(`${f.path} imports ${pkg}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
