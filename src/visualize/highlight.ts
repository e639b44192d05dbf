/**
 * Which states a diagram lights up: the active states a snapshot reports
 * (its `value`) or state paths, plus every ancestor of them.
 */
import { diagramStates, type StateDiagram } from './state-diagram';
import { VisualizeUnknownStateError } from './visualize-errors';

/** A state value as xstate reports it (`'running'`, `{ leading: 'subscribed' }`). */
export type StateValueLike = string | { [key: string]: StateValueLike };

/**
 * The active state(s): a snapshot's `value`, one path (`'leading.subscribed'`)
 * or several paths (parallel regions).
 */
export type ActiveStates = StateValueLike | readonly string[];

/** How to light the active states. */
export interface Highlight {
  active: ActiveStates;
  /** Fill of the active states: `#rgb`/`#rrggbb` or a colour name; a blue by default (anything else falls back to it). */
  fillColor?: string;
  /** Text colour on that fill, in the same forms; white by default. */
  fontColor?: string;
}

/** The resolved highlight: the lit states themselves and their ancestors. */
export interface LitStates {
  active: Set<string>;
  ancestors: Set<string>;
  fillColor: string;
  fontColor: string;
}

export const DEFAULT_HIGHLIGHT_FILL = '#2563eb';
export const DEFAULT_HIGHLIGHT_FONT = '#ffffff';

// Colours end up inside DOT attributes and Mermaid classDefs; only plain forms are let through.
const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]+)$/;
const colorOr = (value: string | undefined, fallback: string) => (value !== undefined && COLOR.test(value) ? value : fallback);

function leafPaths(value: StateValueLike, prefix: string[]): string[] {
  if (typeof value === 'string') return [[...prefix, value].join('.')];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

/**
 * Resolves a highlight against a diagram.
 *
 * @throws VisualizeUnknownStateError when a path is not a state of the machine.
 */
export function resolveHighlight(diagram: StateDiagram, highlight: Highlight): LitStates {
  const known = diagramStates(diagram).map((s) => s.path);
  const knownSet = new Set(known);
  const paths = Array.isArray(highlight.active)
    ? (highlight.active as readonly string[])
    : leafPaths(highlight.active as StateValueLike, []);
  const active = new Set<string>();
  const ancestors = new Set<string>();
  for (const path of paths) {
    if (!knownSet.has(path)) throw new VisualizeUnknownStateError(diagram.id, path, known);
    active.add(path);
    const parts = path.split('.');
    for (let i = 1; i < parts.length; i++) ancestors.add(parts.slice(0, i).join('.'));
  }
  for (const path of active) ancestors.delete(path);
  return {
    active,
    ancestors,
    fillColor: colorOr(highlight.fillColor, DEFAULT_HIGHLIGHT_FILL),
    fontColor: colorOr(highlight.fontColor, DEFAULT_HIGHLIGHT_FONT),
  };
}
