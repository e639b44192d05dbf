/**
 * Type-checks documentation snippets against the project's sources with the
 * compiler options the package is built with (tsconfig.build.json).
 *
 * Each snippet becomes a file in a temporary directory under
 * `test/unit/docs/.snippets/` (removed afterwards):
 * - package imports (`'catapult'`, `'catapult/executor'`, ...) are rewritten
 *   to relative paths of the sources the package's `exports` point at, so a
 *   subpath the package does not export fails;
 * - a snippet that uses top-level `await` keeps its imports at the top and
 *   has every other statement wrapped in an exported async function, so it
 *   compiles under the project's `module: commonjs`; any other snippet is
 *   checked as written (a module: what it declares and does not export must
 *   be used).
 * Diagnostics are reported at the snippet's line in the Markdown file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

export interface Snippet {
  code: string;
  /** Where it came from, e.g. `README.md`. */
  file: string;
  /** The Markdown line of the snippet's first line. */
  line: number;
}

/** `'catapult'` → `src/index`, `'catapult/executor'` → `src/executor/index`, ... from package.json `exports`. */
export function packageSubpaths(root: string): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, { types?: string } | string> };
  const out = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const types = typeof target === 'string' ? undefined : target.types;
    if (!types || !types.endsWith('.d.ts')) continue;
    const source = types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '');
    out.set(subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, source);
  }
  return out;
}

interface Wrapped {
  text: string;
  /** For each line of `text` (0-based), the snippet line (0-based) it came from, or -1. */
  origin: number[];
}

/** True when an `await` (or `for await`) sits outside every function. */
export function hasTopLevelAwait(source: ts.SourceFile): boolean {
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return source.statements.some(visit);
}

function rewriteImports(line: string, rewrite: (specifier: string) => string): string {
  return line.replace(/(from\s+|import\s*\(\s*|require\(\s*)(['"])([^'"]+)\2/g, (_m, pre: string, q: string, spec: string) => `${pre}${q}${rewrite(spec)}${q}`);
}

/** Package imports rewritten; with top-level await, imports first and everything else inside `export async function snippet()`. */
export function wrapSnippet(code: string, rewrite: (specifier: string) => string): Wrapped {
  const source = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lines = code.split('\n');
  if (!hasTopLevelAwait(source)) {
    // `export {}` keeps a snippet without imports a module, on a line of its own after the code.
    return { text: [...lines.map((l) => rewriteImports(l, rewrite)), 'export {};'].join('\n'), origin: [...lines.map((_l, i) => i), -1] };
  }
  const importLines = new Set<number>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isImportEqualsDeclaration(statement)) continue;
    const start = source.getLineAndCharacterOfPosition(statement.getStart(source)).line;
    const end = source.getLineAndCharacterOfPosition(statement.getEnd()).line;
    for (let l = start; l <= end; l++) importLines.add(l);
  }
  const text: string[] = [];
  const origin: number[] = [];
  const push = (line: string, from: number) => {
    text.push(line);
    origin.push(from);
  };
  lines.forEach((line, i) => {
    if (importLines.has(i)) push(rewriteImports(line, rewrite), i);
  });
  push('export async function snippet(): Promise<void> {', -1);
  lines.forEach((line, i) => {
    if (!importLines.has(i)) push(line, i);
  });
  push('}', -1);
  return { text: text.join('\n'), origin };
}

/**
 * Type-checks the snippets; resolves to one message per diagnostic,
 * `README.md:<line>: <message>` (empty when all compile).
 */
export function typecheckSnippets(root: string, snippets: readonly Snippet[]): string[] {
  const subpaths = packageSubpaths(root);
  const base = join(root, 'test', 'unit', 'docs', '.snippets');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'run-'));
  try {
    const rewrite = (spec: string) => {
      const target = subpaths.get(spec);
      if (target === undefined) return spec;
      const rel = relative(dir, join(root, target)).split('\\').join('/');
      return rel.startsWith('.') ? rel : `./${rel}`;
    };
    const files = snippets.map((snippet, i) => {
      const wrapped = wrapSnippet(snippet.code, rewrite);
      const path = join(dir, `snippet-${i}.ts`);
      writeFileSync(path, wrapped.text);
      return { path, snippet, origin: wrapped.origin };
    });

    // The build's options: a snippet is user code, compiled like the package's sources (no jest globals).
    const configPath = join(root, 'tsconfig.build.json');
    const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath), undefined, configPath);
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, incremental: false };
    const program = ts.createProgram({ rootNames: files.map((f) => f.path), options });

    const messages = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map(
      (d) => `tsconfig: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
    for (const file of files) {
      const sf = program.getSourceFile(file.path);
      if (!sf) {
        messages.push(`${file.snippet.file}:${file.snippet.line}: the snippet file was not part of the program`);
        continue;
      }
      for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
        const at = d.start === undefined ? -1 : file.origin[sf.getLineAndCharacterOfPosition(d.start).line] ?? -1;
        const where = at < 0 ? `${file.snippet.line} (wrapper)` : `${file.snippet.line + at}`;
        messages.push(`${file.snippet.file}:${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
    return messages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (readdirSync(base).length === 0) rmSync(base, { recursive: true, force: true });
  }
}
