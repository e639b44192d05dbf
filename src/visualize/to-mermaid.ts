/**
 * Writes a state diagram as Mermaid `stateDiagram-v2`, for Markdown renderers
 * (GitHub, GitLab, docs sites) that draw Mermaid themselves.
 */
import { resolveHighlight, type Highlight } from './highlight';
import { diagramStates, type DiagramEdge, type DiagramState, type StateDiagram } from './state-diagram';

/** Options of {@link toMermaid}. */
export interface MermaidOptions {
  /** States to light up (a `classDef active` applied to them). */
  highlight?: Highlight;
}

const EVERY_STATE_ID = 'every_state';

/** Mermaid ends statements at `;` and reads `#…;` as entities; keep label text literal. */
function text(value: string): string {
  return value.replace(/#/g, '#35;').replace(/;/g, '#59;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function mermaidIds(diagram: StateDiagram): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>([EVERY_STATE_ID]);
  for (const state of diagramStates(diagram)) {
    const base = /^[A-Za-z_][A-Za-z0-9_]*$/.test(state.key) && !used.has(state.key) ? state.key : state.path.replace(/[^A-Za-z0-9_]/g, '_');
    let id = /^[A-Za-z_]/.test(base) ? base : `s_${base}`;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(state.path, id);
  }
  ids.set('', EVERY_STATE_ID);
  return ids;
}

const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');

/** Edges grouped by the block they are written in: the innermost state that holds both ends. */
function edgesByBlock(diagram: StateDiagram): Map<string, DiagramEdge[]> {
  const blocks = new Map<string, DiagramEdge[]>();
  for (const edge of diagram.edges) {
    const a = edge.source === '' ? [] : parentOf(edge.source).split('.').filter(Boolean);
    const b = edge.target === '' ? [] : parentOf(edge.target).split('.').filter(Boolean);
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    const block = a.slice(0, n).join('.');
    blocks.set(block, [...(blocks.get(block) ?? []), edge]);
  }
  return blocks;
}

/**
 * The Mermaid text of a diagram. Deterministic: the same machine gives the
 * same text.
 *
 * @throws VisualizeUnknownStateError when the highlight names an unknown state.
 */
export function toMermaid(diagram: StateDiagram, options: MermaidOptions = {}): string {
  const lit = options.highlight ? resolveHighlight(diagram, options.highlight) : undefined;
  const ids = mermaidIds(diagram);
  const id = (path: string) => ids.get(path) as string;
  const lines = ['stateDiagram-v2'];

  const writeState = (state: DiagramState, indent: string) => {
    if (state.key !== id(state.path)) lines.push(`${indent}state "${text(state.key)}" as ${id(state.path)}`);
    if (state.children.length > 0) {
      lines.push(`${indent}state ${id(state.path)} {`);
      writeChildren(state, `${indent}  `);
      lines.push(`${indent}}`);
    }
    for (const line of state.internal) lines.push(`${indent}${id(state.path)} : ${text(line)}`);
    // Mermaid places a state where it is first named, so every state is named inside its parent's block.
    if (state.children.length === 0 && state.internal.length === 0 && state.key === id(state.path)) lines.push(`${indent}${id(state.path)}`);
    if (state.kind === 'final') lines.push(`${indent}${id(state.path)} --> [*]`);
  };

  const edgesIn = edgesByBlock(diagram);
  const writeEdge = (edge: DiagramEdge, indent: string) =>
    lines.push(`${indent}${id(edge.source)} --> ${id(edge.target)} : ${edge.labels.map(text).join('<br/>')}`);

  const writeChildren = (parent: DiagramState, indent: string) => {
    if (parent.initial !== undefined) lines.push(`${indent}[*] --> ${id(parent.initial)}`);
    parent.children.forEach((child, i) => {
      if (parent.kind === 'parallel' && i > 0) lines.push(`${indent}--`);
      writeState(child, indent);
    });
    if (parent.path !== '') for (const edge of edgesIn.get(parent.path) ?? []) writeEdge(edge, indent);
  };

  writeChildren(diagram.root, '  ');
  if (diagram.root.internal.length > 0 || diagram.edges.some((e) => e.source === '')) {
    lines.push(`  state "in every state" as ${EVERY_STATE_ID}`);
    for (const line of diagram.root.internal) lines.push(`  ${EVERY_STATE_ID} : ${text(line)}`);
  }
  for (const edge of edgesIn.get('') ?? []) writeEdge(edge, '  ');
  if (lit && lit.active.size > 0) {
    lines.push(`  classDef active fill:${lit.fillColor},color:${lit.fontColor},stroke:${lit.fillColor},stroke-width:2px`);
    for (const path of lit.active) lines.push(`  class ${id(path)} active`);
  }
  return lines.join('\n') + '\n';
}
