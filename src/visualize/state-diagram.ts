/**
 * A machine definition reduced to what a diagram draws: the state tree, each
 * state's kind and initial child, and the transitions between states with
 * event and guard labels. Both the DOT and the Mermaid writers read this, so
 * they show the same thing.
 */
import { guardLabel } from './guard-label';

/** The kind of a state, as drawn. */
export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/** One state of a diagram. */
export interface DiagramState {
  /** The state's path from the root, joined with dots (`leading.subscribing`); `''` for the root. */
  path: string;
  key: string;
  kind: StateKind;
  children: DiagramState[];
  /** The path of the initial child, for compound states. */
  initial?: string;
  /** Transitions that do not leave the state (no target), as `event [guard]` lines. */
  internal: string[];
  tags: string[];
}

/** All transitions from one state to another, merged into one edge. */
export interface DiagramEdge {
  source: string;
  target: string;
  /** One `event [guard]` line per transition, in definition order. */
  labels: string[];
}

/** A machine's diagram model. */
export interface StateDiagram {
  /** The machine's id. */
  id: string;
  root: DiagramState;
  edges: DiagramEdge[];
}

/** The parts of an xstate StateNode this reads; structural, so a user's own copy of xstate works too. */
interface StateNodeLike {
  key: string;
  path: string[];
  type: string;
  history?: false | 'shallow' | 'deep';
  states: Record<string, StateNodeLike>;
  initial?: { target?: StateNodeLike[] };
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  tags?: string[];
}

interface TransitionLike {
  eventType: string;
  target?: StateNodeLike[];
  guard?: unknown;
  delay?: number | string;
  reenter?: boolean;
}

/** The parts of an xstate StateMachine this reads. */
export interface MachineLike {
  id: string;
  root: unknown;
}

function eventLabel(t: TransitionLike): string {
  if (t.eventType === '') return 'always';
  if (t.delay !== undefined) return typeof t.delay === 'number' ? `after ${t.delay}ms` : `after ${t.delay}`;
  const done = /^xstate\.(done\.state|done\.actor|error\.actor|snapshot)\.(.*)$/.exec(t.eventType);
  if (done) {
    if (done[1] === 'done.state') return 'done';
    return `${done[1] === 'done.actor' ? 'done' : done[1] === 'error.actor' ? 'error' : 'snapshot'}: ${done[2]}`;
  }
  return t.eventType;
}

function transitionLabel(t: TransitionLike): string {
  const guard = guardLabel(t.guard);
  return guard === undefined ? eventLabel(t) : `${eventLabel(t)} [${guard}]`;
}

function kindOf(node: StateNodeLike): StateKind {
  switch (node.type) {
    case 'compound':
    case 'parallel':
    case 'final':
    case 'history':
      return node.type;
    default:
      return 'atomic';
  }
}

/**
 * Builds the diagram model of a machine by walking `machine.root`.
 * `machine.toJSON()` is not enough: it leaves out eventless (`always`)
 * transitions and the structure of `and`/`not` guards.
 */
export function stateDiagramOf(machine: MachineLike): StateDiagram {
  const edges = new Map<string, DiagramEdge>();

  function addEdge(source: string, target: string, label: string): void {
    const key = `${source}\u0000${target}`;
    const edge = edges.get(key) ?? { source, target, labels: [] };
    if (!edge.labels.includes(label)) edge.labels.push(label);
    edges.set(key, edge);
  }

  function visit(node: StateNodeLike): DiagramState {
    const path = node.path.join('.');
    const internal: string[] = [];
    const transitions = [...node.transitions.values()].flat().concat(node.always ?? []);
    for (const t of transitions) {
      const label = transitionLabel(t);
      const targets = t.target ?? [];
      if (targets.length === 0) {
        if (!internal.includes(label)) internal.push(label);
        continue;
      }
      for (const target of targets) addEdge(path, target.path.join('.'), label);
    }
    const initialTarget = node.type === 'compound' ? node.initial?.target?.[0] : undefined;
    return {
      path,
      key: node.key,
      kind: kindOf(node),
      children: Object.values(node.states).map(visit),
      ...(initialTarget ? { initial: initialTarget.path.join('.') } : {}),
      internal,
      tags: [...(node.tags ?? [])],
    };
  }

  const root = visit(machine.root as StateNodeLike);
  return { id: machine.id, root, edges: [...edges.values()] };
}

/** Every state of a diagram, depth first, root excluded. */
export function diagramStates(diagram: StateDiagram): DiagramState[] {
  const out: DiagramState[] = [];
  const walk = (s: DiagramState) => {
    for (const child of s.children) {
      out.push(child);
      walk(child);
    }
  };
  walk(diagram.root);
  return out;
}
