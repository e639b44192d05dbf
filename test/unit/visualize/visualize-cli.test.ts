import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/main';
import { command } from '../../../src/cli/commands/visualize';

function capture() {
  const text = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _enc, done) {
        text[key] += String(chunk);
        done();
      },
    });
  return { io: { stdout: sink('stdout'), stderr: sink('stderr') }, text };
}

async function run(...argv: string[]) {
  const { io, text } = capture();
  const code = await main(['visualize', ...argv], io);
  return { code, ...text };
}

describe('catapult visualize', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'catapult-visualize-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('documents every flag in --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    for (const flag of ['--machine', '--format', '--out', '--highlight', '--help']) expect(stdout).toContain(flag);
    for (const value of ['node', 'app', 'framework', 'svg', 'mermaid', 'dot']) expect(stdout).toContain(value);
    expect(command.usage).toBe(stdout);
  });

  it('rejects an unknown flag with exit code 2, naming it and the allowed flags', async () => {
    const { code, stderr } = await run('--colour', 'red');
    expect(code).toBe(2);
    expect(stderr).toContain("'--colour'");
    expect(stderr).toContain('--machine, --format, --out, --highlight');
  });

  it('rejects a bad --format value, naming the allowed values', async () => {
    const { code, stderr } = await run('--format', 'png');
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown format 'png' for --format: use one of svg, mermaid, dot.");
  });

  it('rejects a bad --machine value and a missing value', async () => {
    const bad = await run('--machine', 'scheduler');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown machine 'scheduler' for --machine: use one of node, app, framework");
    const missing = await run('--out');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Flag --out needs a value');
  });

  it('writes every built-in machine in the asked formats into --out', async () => {
    const { code, stdout } = await run('--format', 'svg,mermaid', '--format=dot', '--out', dir);
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['app.dot', 'app.mmd', 'app.svg', 'framework.dot', 'framework.mmd', 'framework.svg', 'node.dot', 'node.mmd', 'node.svg']);
    expect(stdout.trim().split('\n')).toHaveLength(9);
    const committed = join(__dirname, '..', '..', '..', 'visualizations', 'machines', 'node.dot');
    expect(readFileSync(join(dir, 'node.dot'), 'utf8')).toBe(readFileSync(committed, 'utf8'));
  });

  it('prints one text diagram to stdout when no --out is given', async () => {
    const { code, stdout } = await run('--machine', 'app', '--format', 'mermaid', '--highlight', 'active');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^stateDiagram-v2\n/);
    expect(stdout).toContain('class active active');
  });

  it('rejects a highlight of an unknown state', async () => {
    const { code, stderr } = await run('--machine', 'node', '--format', 'dot', '--highlight', 'asleep');
    expect(code).toBe(2);
    expect(stderr).toContain('Machine "node" has no state "asleep"');
  });

  it("draws a user's module that exports a customized machine", async () => {
    const machines = join(__dirname, '..', '..', '..', 'machines');
    const modulePath = join(dir, 'my-node.js');
    writeFileSync(
      modulePath,
      `const { createNodeMachine } = require(${JSON.stringify(machines)});
module.exports.machine = createNodeMachine({
  states: { degraded: { on: { 'executor.message': { target: 'running' } } } },
  transitions: { running: { 'executor.message': { guard: 'isUnhealthy', target: 'degraded' } } },
  guards: { isUnhealthy: () => false },
});
`,
    );
    const out = join(dir, 'out');
    const { code, stderr } = await run('--machine', modulePath, '--format', 'dot,svg', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['my-node.dot', 'my-node.svg']);
    expect(readFileSync(join(out, 'my-node.dot'), 'utf8')).toContain('"running" -> "degraded" [label="executor.message [isUnhealthy]"]');
    expect(readFileSync(join(out, 'my-node.svg'), 'utf8')).toContain('<title>degraded</title>');
  });

  it('explains a module that exports no machine', async () => {
    const modulePath = join(dir, 'empty.js');
    writeFileSync(modulePath, 'module.exports = { answer: 42 };\n');
    const { code, stderr } = await run('--machine', modulePath, '--format', 'dot');
    expect(code).toBe(2);
    expect(stderr).toContain('exports no xstate state machine');
  });
});
