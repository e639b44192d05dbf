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
    // A canary proves the checker runs: its one error must come back, at its line.
    const canary = { code: "import { nodeMachine } from 'catapult';\n\nconst n: number = nodeMachine;\nconsole.log(n);\n", file: 'canary.md', line: 10 };
    const messages = typecheckSnippets(root, [...snippets, canary]);
    expect(messages.filter((m) => m.startsWith('canary.md:')).map((m) => m.split(' ')[0])).toEqual(['canary.md:12:']);
    expect([...placeholders, ...messages.filter((m) => !m.startsWith('canary.md:'))]).toEqual([]);
  });

  it('every `catapult <command> --flag` names a command and flags it has', () => {
    const problems: string[] = [];
    let seen = 0;
    const check = (where: string, commands: string[], flags: string[]) => {
      seen++;
      const known = commands.filter((c) => COMMANDS[c]);
      for (const c of commands.filter((c) => !COMMANDS[c])) problems.push(`${where}: no command 'catapult ${c}' (there are ${Object.keys(COMMANDS).join(', ')})`);
      if (known.length === 0) return;
      for (const flag of flags) {
        const has = known.some((c) => new RegExp(`(^|[\\s,])${flag}(?![\\w-])`, 'm').test(COMMANDS[c]!.usage));
        if (!has) problems.push(`${where}: 'catapult ${known.join("' or 'catapult ")}' has no ${flag}`);
      }
    };
    const commandIn = (text: string) => /(?:^|\s|npx\s+)catapult\s+([a-z][\w-]*)(.*)$/.exec(text);
    for (const { name, doc } of docs) {
      for (const { text, where } of codeTexts(doc, name)) {
        const m = commandIn(text);
        if (m) check(where, [m[1] as string], flagsIn(m[2] ?? ''));
      }
      // A bare `--flag` in prose belongs to the `catapult <command>` its paragraph or its "`catapult <command>`" heading names.
      for (const c of doc.inline.filter((i) => /^--[a-z]/.test(i.text))) {
        const commands = new Set(doc.inline.filter((o) => o.paragraph === c.paragraph).map((o) => commandIn(o.text)?.[1]).filter((x): x is string => x !== undefined));
        const section = /`catapult ([a-z]+)`/.exec(c.heading)?.[1];
        if (section) commands.add(section);
        if (commands.size > 0) check(`${name}:${c.line}`, [...commands], flagsIn(c.text));
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
    /** The module's text and that of the modules next to it it imports: where its usage text lives. */
    const usageOf = (source: string) => {
      const main = readFileSync(source, 'utf8');
      const local = [...main.matchAll(/from '\.\/([\w-]+)'/g)].map((i) => join(dirname(source), `${i[1]}.ts`)).filter((p) => existsSync(p));
      return [main, ...local.map((p) => readFileSync(p, 'utf8'))].join('\n');
    };
    const hasFlag = (usage: string, flag: string) => new RegExp(`${flag}(?![\\w-])`).test(usage);
    for (const { name, doc } of docs) {
      const usages: string[] = [];
      for (const { text, where } of codeTexts(doc, name)) {
        const m = /(?:^|\s)node\s+(?:\.\/)?dist\/(\S+)\.js(.*)$/.exec(text);
        if (!m) continue;
        const source = join(root, `${m[1]}.ts`);
        if (!existsSync(source)) {
          problems.push(`${where}: dist/${m[1]}.js is built from ${relative(root, source)}, which does not exist`);
          continue;
        }
        const usage = usageOf(source);
        usages.push(usage);
        for (const flag of flagsIn(m[2] ?? '')) if (!hasFlag(usage, flag)) problems.push(`${where}: ${relative(root, source)} has no ${flag}`);
      }
      // A bare `--flag` in prose that names no `catapult` command belongs to one of the programs the page runs.
      for (const c of doc.inline.filter((i) => /^--[a-z]/.test(i.text))) {
        const paragraph = doc.inline.filter((o) => o.paragraph === c.paragraph);
        if (paragraph.some((o) => /(^|\s)catapult\s+[a-z]/.test(o.text)) || /`catapult [a-z]+`/.test(c.heading)) continue;
        for (const flag of flagsIn(c.text)) if (!usages.some((u) => hasFlag(u, flag))) problems.push(`${name}:${c.line}: no program this page runs has ${flag}`);
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
