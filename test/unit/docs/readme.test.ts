/**
 * Keeps the README (and the examples' READMEs) honest: the TypeScript
 * snippets compile against the sources, the commands and flags they show
 * exist, the files they name are there, and the npm scripts they run are
 * defined.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { command as demo } from '../../../src/cli/commands/demo';
import { command as local } from '../../../src/cli/commands/local';
import { command as visualize } from '../../../src/cli/commands/visualize';
import type { CliCommand } from '../../../src/cli/cli-command';
import { readMarkdown, shellLines, type MarkdownDoc } from './markdown';
import { typecheckSnippets } from './typecheck-snippets';

const root = join(__dirname, '..', '..', '..');
const readmePath = join(root, 'README.md');
const exampleReadmes = readdirSync(join(root, 'examples'))
  .map((name) => join(root, 'examples', name, 'README.md'))
  .filter((p) => existsSync(p));
const docs = [readmePath, ...exampleReadmes].map((path) => ({ path, name: relative(root, path), doc: readMarkdown(readFileSync(path, 'utf8')) }));
const readme = docs[0]!.doc;

const COMMANDS: Record<string, CliCommand> = { demo, local, visualize };
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Every piece of code a doc shows: shell lines and inline code spans, with where they are. */
function codeTexts(doc: MarkdownDoc, name: string): { text: string; where: string; heading: string }[] {
  return [
    ...shellLines(doc).map((l) => ({ text: l.text, where: `${name}:${l.line}`, heading: '' })),
    ...doc.inline.map((c) => ({ text: c.text, where: `${name}:${c.line}`, heading: c.heading })),
  ];
}

/** The flags in a command line after `from` (up to a pipe or the next command). */
function flagsIn(text: string): string[] {
  const upTo = text.split(/\s(?:\||&&|;)\s/)[0] ?? text;
  return [...upTo.matchAll(/(?:^|[\s[(|])(--[a-z][a-z0-9-]*)/g)].map((m) => m[1] as string);
}

describe('README', () => {
  it('starts with the quick start: npm install, npx catapult demo, npm test', () => {
    const quick = readme.blocks.find((b) => b.lang === 'sh');
    expect(quick?.code).toMatch(/^npm install\b/m);
    expect(quick?.code).toMatch(/^npx catapult demo\b/m);
    expect(quick?.code).toMatch(/^npm test\b/m);
  });

  it('every ts block type-checks against the project', () => {
    const snippets = docs.flatMap(({ name, doc }) => doc.blocks.filter((b) => b.lang === 'ts' || b.lang === 'typescript').map((b) => ({ code: b.code, file: name, line: b.line })));
    expect(snippets.length).toBeGreaterThan(0);
    // A placeholder comment in a code position would hide what a reader has to write.
    const placeholders = snippets.filter((s) => /\/\*\s*(…|\.\.\.)\s*\*\//.test(s.code)).map((s) => `${s.file}:${s.line}: a /* … */ placeholder`);
    expect([...placeholders, ...typecheckSnippets(root, snippets)]).toEqual([]);
  });

  it('every `catapult <command> --flag` names a command and flags it has', () => {
    const problems: string[] = [];
    let seen = 0;
    for (const { name, doc } of docs) {
      for (const { text, where, heading } of codeTexts(doc, name)) {
        const m = /(?:^|\s|npx\s+)catapult\s+([a-z][\w-]*)(.*)$/.exec(text);
        // A bare `--flag` in prose under a "`catapult <command>`" heading belongs to that command.
        const section = /`catapult ([a-z]+)`/.exec(heading)?.[1];
        const [command, flags] = m ? [m[1] as string, flagsIn(m[2] ?? '')] : section && /^--[a-z]/.test(text) ? [section, flagsIn(text)] : [undefined, []];
        if (command === undefined) continue;
        seen++;
        const cli = COMMANDS[command];
        if (!cli) {
          problems.push(`${where}: no command 'catapult ${command}' (there are ${Object.keys(COMMANDS).join(', ')})`);
          continue;
        }
        for (const flag of flags) if (!new RegExp(`(^|[\\s,])${flag}(?![\\w-])`, 'm').test(cli.usage)) problems.push(`${where}: 'catapult ${command}' has no ${flag}`);
      }
    }
    expect(seen).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  it('the CLI commands it checks against are all the CLI has', () => {
    const files = readdirSync(join(root, 'src', 'cli', 'commands')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  it('every `node dist/….js --flag` runs a module that exists and has those flags', () => {
    const problems: string[] = [];
    for (const { name, doc } of docs) {
      for (const { text, where } of codeTexts(doc, name)) {
        const m = /(?:^|\s)node\s+(?:\.\/)?dist\/(\S+)\.js(.*)$/.exec(text);
        if (!m) continue;
        const source = join(root, `${m[1]}.ts`);
        if (!existsSync(source)) {
          problems.push(`${where}: dist/${m[1]}.js is built from ${relative(root, source)}, which does not exist`);
          continue;
        }
        // The usage text lives in the module or in a module next to it that it imports.
        const main = readFileSync(source, 'utf8');
        const local = [...main.matchAll(/from '\.\/([\w-]+)'/g)].map((i) => join(dirname(source), `${i[1]}.ts`)).filter((p) => existsSync(p));
        const usage = [main, ...local.map((p) => readFileSync(p, 'utf8'))].join('\n');
        for (const flag of flagsIn(m[2] ?? '')) if (!new RegExp(`${flag}(?![\\w-])`).test(usage)) problems.push(`${where}: ${relative(root, source)} has no ${flag}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every file and directory it names exists', () => {
    const problems: string[] = [];
    const pathLike = /(?:^|[\s(=@'"`,])((?:\.\/)?(?:src|machines|examples|test|scripts|visualizations|proto|dist|bin|\.ci)\/[\w./-]*)/g;
    for (const { name, doc, path } of docs) {
      const texts = [...doc.blocks.filter((b) => b.lang !== 'ts').flatMap((b) => b.code.split('\n').map((t, i) => ({ text: t, where: `${name}:${b.line + i}` }))), ...codeTexts(doc, name)];
      for (const { text, where } of texts) {
        for (const m of text.matchAll(pathLike)) {
          const named = (m[1] as string).replace(/^\.\//, '').replace(/[.,]+$/, '');
          if (named.startsWith('test-results/')) continue;
          // Built files are checked by their sources.
          const onDisk = named.startsWith('dist/') ? named.replace(/^dist\//, '').replace(/\.js$/, '.ts') : named;
          if (!existsSync(join(root, onDisk))) problems.push(`${where}: ${named} does not exist${onDisk !== named ? ` (no ${onDisk})` : ''}`);
        }
      }
      // An example's README names its own files bare (`args.ts`).
      if (path !== readmePath) {
        for (const { text, line } of doc.inline) {
          if (/^[\w-]+\.ts$/.test(text) && !existsSync(join(dirname(path), text))) problems.push(`${name}:${line}: ${text} is not in ${relative(root, dirname(path))}/`);
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('every npm script it runs is defined in package.json', () => {
    const problems: string[] = [];
    let seen = 0;
    for (const { name, doc } of docs) {
      for (const { text, where } of codeTexts(doc, name)) {
        for (const m of text.matchAll(/\bnpm\s+(?:run(?:-script)?\s+([\w:.-]+)|(test|start|stop|restart)\b)/g)) {
          seen++;
          const script = (m[1] ?? m[2]) as string;
          if (!(script in scripts)) problems.push(`${where}: npm script '${script}' is not in package.json`);
        }
      }
    }
    expect(seen).toBeGreaterThan(2);
    expect(problems).toEqual([]);
  });
});
