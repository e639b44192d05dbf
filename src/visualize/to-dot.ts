/**
 * Writes a state diagram as Graphviz DOT: compound states as clusters, a
 * point for each initial state, final states double-bordered, edges labelled
 * `event [guard]`, and transitions that stay in a state listed inside it.
 */
import { resolveHighlight, type Highlight, type LitStates } from './highlight';
import type { DiagramEdge, DiagramState, StateDiagram } from './state-diagram';

const FONT = 'Helvetica,Arial,sans-serif';
const INK = '#0f172a';
const MUTED = '#475569';
const LINE = '#64748b';
const FILL = '#f8fafc';
/** The pseudo-state that carries transitions defined on the machine itself. */
const EVERY_STATE = '__every_state';

/**
 * Transitions with the same event and guard into the same state from at least
 * this many states are drawn once, through a junction, instead of once per
 * source: the node machine's "any live state fails on TASK_FAILED" is one
 * label instead of five.
 */
const BUNDLE_MIN_SOURCES = 3;

/** Options of {@link toDot}. */
export interface DotOptions {
  /** States to light up. */
  highlight?: Highlight;
  /** Graph direction; top to bottom by default. */
  rankdir?: 'TB' | 'LR';
}

/** Quotes a DOT id or string. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An HTML-like label, written as `<...>` instead of a quoted string. */
interface HtmlLabel {
  html: string;
}

function attrs(values: Record<string, string | number | HtmlLabel | undefined>): string {
  const parts = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : typeof v === 'string' ? dotString(v) : `<${(v as HtmlLabel).html}>`}`);
  return `[${parts.join(', ')}]`;
}

const isCluster = (s: DiagramState) => s.kind === 'compound' || s.kind === 'parallel';
/** Edges into a cluster end at its initial point, at the top. */
const anchorOf = (path: string) => `${path}.__start`;
/**
 * Edges out of a cluster start at an invisible point at its bottom. Starting
 * them at the top too would lay edges in both directions flat on one rank,
 * where Graphviz stacks their labels on top of each other.
 */
const exitOf = (path: string) => `${path}.__end`;
const clusterOf = (path: string) => `cluster_${path}`;
const isInside = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

function stateLabel(state: DiagramState, textColor: string | undefined): HtmlLabel {
  const title = `<tr><td><b>${html(state.key)}</b></td></tr>`;
  if (state.internal.length === 0) return { html: `<table border="0" cellborder="0" cellspacing="0" cellpadding="1">${title}</table>` };
  const lines = state.internal.map((line) => `${html(line)}<br align="left"/>`).join('');
  const body = `<tr><td align="left" balign="left"><font point-size="9" color="${html(textColor ?? MUTED)}">${lines}</font></td></tr>`;
  return { html: `<table border="0" cellborder="0" cellspacing="0" cellpadding="1">${title}<hr/>${body}</table>` };
}

class DotWriter {
  private readonly lines: string[] = [];
  private readonly kinds = new Map<string, DiagramState>();

  constructor(private readonly lit: LitStates | undefined) {}

  write(diagram: StateDiagram, rankdir: string): string {
    this.index(diagram.root);
    this.lines.push(`digraph ${dotString(diagram.id)} {`);
    this.lines.push(`  graph ${attrs({ rankdir, compound: 'true', fontname: FONT, fontsize: 12, fontcolor: INK, nodesep: 0.35, ranksep: 0.45, pad: 0.2, label: diagram.id, labelloc: 't' })}`);
    this.lines.push(`  node ${attrs({ shape: 'box', style: 'rounded,filled', fillcolor: FILL, color: LINE, fontname: FONT, fontsize: 11, fontcolor: INK, margin: '0.12,0.05' })}`);
    this.lines.push(`  edge ${attrs({ fontname: FONT, fontsize: 9, color: LINE, fontcolor: MUTED, arrowsize: 0.7 })}`);
    this.children(diagram.root, '  ');
    this.everyState(diagram);
    const { bundles, edges } = bundleEdges(diagram.edges);
    bundles.forEach((bundle, i) => this.bundle(bundle, `__junction_${i}`));
    for (const edge of edges) this.edge(edge);
    this.lines.push('}');
    return this.lines.join('\n') + '\n';
  }

  private index(state: DiagramState): void {
    this.kinds.set(state.path, state);
    state.children.forEach((c) => this.index(c));
  }

  private children(parent: DiagramState, indent: string): void {
    if (parent.initial !== undefined || isCluster(parent)) {
      const marker = parent.path === '' ? '__start' : anchorOf(parent.path);
      const visible = parent.initial !== undefined;
      this.lines.push(`${indent}${dotString(marker)} ${attrs({ shape: 'point', width: visible ? 0.12 : 0.01, color: INK, fillcolor: INK, style: visible ? 'filled' : 'invis', label: '' })}`);
      if (parent.initial !== undefined) this.lines.push(`${indent}${dotString(marker)} -> ${dotString(parent.initial)} ${attrs({ color: INK })}`);
    }
    for (const child of parent.children) {
      if (isCluster(child)) this.cluster(child, indent);
      else this.state(child, indent);
    }
    const last = parent.children[parent.children.length - 1];
    if (parent.path !== '' && last !== undefined) {
      this.lines.push(`${indent}${dotString(exitOf(parent.path))} ${attrs({ shape: 'point', width: 0.01, style: 'invis', label: '' })}`);
      const from = isCluster(last) ? exitOf(last.path) : last.path;
      this.lines.push(`${indent}${dotString(from)} -> ${dotString(exitOf(parent.path))} ${attrs({ style: 'invis' })}`);
    }
  }

  private cluster(state: DiagramState, indent: string): void {
    const active = this.lit?.active.has(state.path) ?? false;
    const lit = active || (this.lit?.ancestors.has(state.path) ?? false);
    this.lines.push(`${indent}subgraph ${dotString(clusterOf(state.path))} {`);
    this.lines.push(
      `${indent}  graph ${attrs({
        label: state.key,
        id: `state:${state.path}`,
        class: lit ? 'state compound active' : 'state compound',
        style: state.kind === 'parallel' ? 'rounded,dashed' : 'rounded',
        color: lit ? this.lit?.fillColor : LINE,
        fontcolor: lit ? this.lit?.fillColor : INK,
        penwidth: active ? 3 : lit ? 2 : 1,
        labeljust: 'l',
      })}`,
    );
    this.children(state, `${indent}  `);
    this.lines.push(`${indent}}`);
  }

  private state(state: DiagramState, indent: string): void {
    const active = this.lit?.active.has(state.path) ?? false;
    const fontcolor = active ? this.lit?.fontColor : undefined;
    const shape = state.kind === 'history' ? { shape: 'circle', label: 'H' } : {};
    this.lines.push(
      `${indent}${dotString(state.path)} ${attrs({
        label: stateLabel(state, fontcolor),
        id: `state:${state.path}`,
        class: active ? 'state active' : 'state',
        peripheries: state.kind === 'final' ? 2 : undefined,
        fillcolor: active ? this.lit?.fillColor : undefined,
        color: active ? this.lit?.fillColor : undefined,
        fontcolor,
        penwidth: active ? 2 : undefined,
        ...shape,
      })}`,
    );
  }

  private everyState(diagram: StateDiagram): void {
    const fromRoot = diagram.edges.some((e) => e.source === '');
    if (diagram.root.internal.length === 0 && !fromRoot) return;
    const lines = diagram.root.internal.map((l) => `${html(l)}<br align="left"/>`).join('');
    const body = lines ? `<tr><td align="left" balign="left"><font point-size="9" color="${MUTED}">${lines}</font></td></tr>` : '';
    const label = { html: `<table border="0" cellborder="0" cellspacing="0" cellpadding="1"><tr><td align="left"><i>in every state</i></td></tr>${body}</table>` };
    this.lines.push(`  ${dotString(EVERY_STATE)} ${attrs({ shape: 'note', style: 'filled', fillcolor: '#fefce8', color: '#ca8a04', label, id: 'state:*', class: 'every-state' })}`);
  }

  private endpoint(path: string, other: string, role: 'tail' | 'head'): { node: string; clip?: Record<string, string> } {
    if (path === '') return { node: EVERY_STATE };
    const state = this.kinds.get(path);
    if (!state || !isCluster(state)) return { node: path };
    // Clip at the cluster's border unless the other end is inside it (Graphviz then ignores the clip and warns).
    if (isInside(other, path) || state.children.length === 0) return { node: anchorOf(path) };
    const clip = { [role === 'tail' ? 'ltail' : 'lhead']: clusterOf(path) };
    return { node: role === 'tail' ? exitOf(path) : anchorOf(path), clip };
  }

  private bundle(bundle: Bundle, junction: string): void {
    this.lines.push(`  ${dotString(junction)} ${attrs({ shape: 'point', width: 0.06, color: LINE, fillcolor: LINE, style: 'filled', label: '', class: 'junction' })}`);
    for (const source of bundle.sources) {
      const tail = this.endpoint(source, bundle.target, 'tail');
      this.lines.push(`  ${dotString(tail.node)} -> ${dotString(junction)} ${attrs({ arrowhead: 'none', ...tail.clip })}`);
    }
    const head = this.endpoint(bundle.target, bundle.sources[0] as string, 'head');
    this.lines.push(`  ${dotString(junction)} -> ${dotString(head.node)} ${attrs({ label: bundle.label, ...head.clip })}`);
  }

  private edge(edge: DiagramEdge): void {
    const tail = this.endpoint(edge.source, edge.target, 'tail');
    const head = this.endpoint(edge.target, edge.source, 'head');
    const label = edge.labels.join('\n');
    this.lines.push(`  ${dotString(tail.node)} -> ${dotString(head.node)} ${attrs({ label, ...tail.clip, ...head.clip })}`);
  }
}

/** One transition label shared by several sources into one target. */
interface Bundle {
  target: string;
  label: string;
  sources: string[];
}

/** Groups edges by `keyOf` (per target) and keeps the groups with enough sources. */
function groupSources(edges: readonly DiagramEdge[], labelSets: (e: DiagramEdge) => string[][]): Bundle[] {
  const byKey = new Map<string, Bundle>();
  for (const edge of edges) {
    if (edge.source === '' || edge.source === edge.target) continue;
    for (const labels of labelSets(edge)) {
      const label = labels.join('\n');
      const key = `${edge.target}\u0000${label}`;
      const bundle = byKey.get(key) ?? { target: edge.target, label, sources: [] };
      bundle.sources.push(edge.source);
      byKey.set(key, bundle);
    }
  }
  return [...byKey.values()].filter((b) => b.sources.length >= BUNDLE_MIN_SOURCES);
}

/**
 * Splits edges into bundles (see {@link BUNDLE_MIN_SOURCES}) and the edges
 * left to draw directly. Edges whose whole label set is shared are bundled
 * first, then single labels.
 */
function bundleEdges(all: readonly DiagramEdge[]): { bundles: Bundle[]; edges: DiagramEdge[] } {
  const whole = groupSources(all, (e) => (e.labels.length > 1 ? [e.labels] : []));
  const wholeKeys = new Set(whole.flatMap((b) => b.sources.map((s) => `${s}\u0000${b.target}`)));
  const rest = all.filter((e) => !wholeKeys.has(`${e.source}\u0000${e.target}`));
  const single = groupSources(rest, (e) => e.labels.map((l) => [l]));
  const singleKeys = new Set(single.flatMap((b) => b.sources.map((s) => `${s}\u0000${b.target}\u0000${b.label}`)));
  const edges = rest
    .map((e) => ({ ...e, labels: e.labels.filter((l) => !singleKeys.has(`${e.source}\u0000${e.target}\u0000${l}`)) }))
    .filter((e) => e.labels.length > 0);
  return { bundles: [...whole, ...single], edges };
}

/**
 * The DOT text of a diagram. Deterministic: the same machine gives the same
 * text, in definition order.
 *
 * @throws VisualizeUnknownStateError when the highlight names an unknown state.
 */
export function toDot(diagram: StateDiagram, options: DotOptions = {}): string {
  const lit = options.highlight ? resolveHighlight(diagram, options.highlight) : undefined;
  return new DotWriter(lit).write(diagram, options.rankdir ?? 'TB');
}
