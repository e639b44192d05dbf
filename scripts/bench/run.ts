/**
 * `npm run bench`: runs every benchmark module in this folder, prints one
 * table, and writes it to BENCHMARKS.md with the command, the machine and the
 * date. A module exports `run(): Promise<BenchRow[]>`.
 *
 * Usage: npm run bench [-- <module name> ...]   e.g. npm run bench -- store-bench
 */
import { writeFileSync, readdirSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';

export interface BenchRow {
  measure: string;
  target?: string;
  result: string;
  /** A side-by-side comparison measured in the same run, e.g. "0.42× raw multi". */
  comparison?: string;
  pass?: boolean;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const modules = readdirSync(__dirname)
    .filter((f) => f.endsWith('-bench.js'))
    .map((f) => f.replace(/\.js$/, ''))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
  const sections: Array<{ name: string; rows: BenchRow[]; error?: string }> = [];
  for (const name of modules) {
    process.stderr.write(`bench: ${name} ...\n`);
    const started = process.hrtime.bigint();
    try {
      const mod = require(join(__dirname, name)) as { run: () => Promise<BenchRow[]> };
      const rows = await mod.run();
      sections.push({ name, rows });
    } catch (err) {
      sections.push({ name, rows: [], error: (err as Error).stack ?? String(err) });
    }
    process.stderr.write(`bench: ${name} done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s\n`);
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    `- Command: \`npm run bench${only.length ? ' -- ' + only.join(' ') : ''}\``,
    `- Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`,
    `- Date: ${new Date().toISOString()}`,
    '',
    'Comparisons are measured side by side in the same run.',
    '',
  ];
  for (const s of sections) {
    lines.push(`## ${s.name}`, '');
    if (s.error) {
      lines.push('Failed:', '', '```', s.error, '```', '');
      continue;
    }
    lines.push('| measure | target | result | comparison | meets target |', '| --- | --- | --- | --- | --- |');
    for (const r of s.rows) {
      const pass = r.pass === undefined ? '' : r.pass ? 'yes' : '**no**';
      lines.push(`| ${r.measure} | ${r.target ?? ''} | ${r.result} | ${r.comparison ?? ''} | ${pass} |`);
    }
    lines.push('');
  }
  const text = lines.join('\n');
  process.stdout.write(text + '\n');
  writeFileSync(join(__dirname, '..', '..', '..', 'BENCHMARKS.md'), text + '\n');
  if (sections.some((s) => s.error)) process.exitCode = 1;
}

if (require.main === module) void main();
