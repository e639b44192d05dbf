/**
 * One entry point for every format: a machine in, diagram text out.
 */
import type { Highlight } from './highlight';
import { renderSvg } from './render-svg';
import { stateDiagramOf, type MachineLike } from './state-diagram';
import { toDot } from './to-dot';
import { toMermaid } from './to-mermaid';

/** The formats a diagram can be rendered in. */
export const DIAGRAM_FORMATS = ['svg', 'mermaid', 'dot'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** The file extension of each format. */
export const DIAGRAM_EXTENSIONS: Readonly<Record<DiagramFormat, string>> = Object.freeze({ svg: 'svg', mermaid: 'mmd', dot: 'dot' });

/** Options of {@link renderMachine}. */
export interface RenderMachineOptions {
  /** States to light up, e.g. a node's current state. */
  highlight?: Highlight;
  /** A one-line comment put at the top of the output (generated files say where they come from). */
  banner?: string;
}

function withBanner(format: DiagramFormat, output: string, banner: string | undefined): string {
  if (banner === undefined) return output;
  const line = banner.replace(/\r?\n/g, ' ');
  if (format === 'dot') return `// ${line}\n${output}`;
  if (format === 'mermaid') return output.replace(/^stateDiagram-v2\n/, `stateDiagram-v2\n  %% ${line}\n`);
  return output.replace(/<svg\b/, `<!-- ${line.replace(/--/g, '- -')} -->\n<svg`);
}

/**
 * Renders a machine's diagram. DOT and Mermaid are pure text transforms;
 * SVG goes through Graphviz (WASM), created on first use.
 *
 * @example
 * import { nodeMachine } from 'catapult/machines';
 * const svg = await renderMachine(nodeMachine, 'svg', { highlight: { active: 'running' } });
 *
 * @throws VisualizeUnknownStateError when the highlight names a state the machine does not have.
 * @throws VisualizeRenderError when Graphviz fails.
 */
export async function renderMachine(machine: MachineLike, format: DiagramFormat, options: RenderMachineOptions = {}): Promise<string> {
  const diagram = stateDiagramOf(machine);
  const highlight = options.highlight ? { highlight: options.highlight } : {};
  let output: string;
  if (format === 'mermaid') output = toMermaid(diagram, highlight);
  else {
    const dot = toDot(diagram, highlight);
    output = format === 'dot' ? dot : await renderSvg(dot, diagram.id);
  }
  return withBanner(format, output, options.banner);
}
