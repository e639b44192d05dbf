/**
 * Just enough Markdown reading for the docs tests: fenced code blocks, inline
 * code spans outside them, and the heading each line sits under. Line
 * numbers are 1-based, so a failure can name `README.md:<line>`.
 */

export interface CodeBlock {
  /** The info string after the opening fence (`ts`, `sh`, ``). */
  lang: string;
  code: string;
  /** The line of the first code line (the one after the fence). */
  line: number;
}

export interface InlineCode {
  text: string;
  line: number;
  /** The nearest heading above, without the leading #s. */
  heading: string;
  /** Which paragraph (text between blank lines, headings or code blocks) it is in. */
  paragraph: number;
}

export interface MarkdownDoc {
  blocks: CodeBlock[];
  inline: InlineCode[];
}

export function readMarkdown(markdown: string): MarkdownDoc {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  const inline: InlineCode[] = [];
  let heading = '';
  let paragraph = 0;
  let open: CodeBlock | undefined;
  let body: string[] = [];
  lines.forEach((text, i) => {
    const fence = /^\s*```(.*)$/.exec(text);
    if (open) {
      if (fence) {
        blocks.push({ ...open, code: body.join('\n') + '\n' });
        open = undefined;
      } else body.push(text);
      return;
    }
    if (fence) {
      open = { lang: (fence[1] ?? '').trim(), code: '', line: i + 2 };
      body = [];
      paragraph++;
      return;
    }
    const h = /^#+\s+(.*)$/.exec(text);
    if (h) heading = h[1] ?? '';
    if (h || text.trim() === '') paragraph++;
    for (const m of text.matchAll(/`([^`]+)`/g)) inline.push({ text: m[1] ?? '', line: i + 1, heading, paragraph });
  });
  if (open) throw new Error(`unclosed code fence opened at line ${open.line - 1}`);
  return { blocks, inline };
}

/** Shell command lines of the `sh` blocks, without comments and `$ ` prompts, with their lines. */
export function shellLines(doc: MarkdownDoc): { text: string; line: number }[] {
  return doc.blocks
    .filter((b) => b.lang === 'sh' || b.lang === 'bash' || b.lang === 'shell')
    .flatMap((b) =>
      b.code
        .split('\n')
        .map((text, i) => ({ text: text.replace(/^\$\s+/, '').replace(/\s+#.*$/, '').trim(), line: b.line + i }))
        .filter((l) => l.text !== '' && !l.text.startsWith('#')),
    );
}
