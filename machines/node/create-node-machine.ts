/**
 * Builds a node machine from the default definition plus plain-config
 * additions. xstate v5 can swap implementations (`provide`) but has no way to
 * merge states or transitions, so this does the merge on the config objects.
 */
import type { AnyStateMachine } from 'xstate';
import { nodeMachine, type NodeMachine } from './node-machine';
import { nodeSetup } from './node-setup';

type Transition = Record<string, unknown> | string;
type TransitionList = Transition | Transition[];
type Implementation = (...args: any[]) => unknown;

/** What {@link createNodeMachine} adds to the default node machine. */
export interface NodeMachineExtension {
  /**
   * New top-level states (state config objects). Each gets a journal entry on
   * entry (`enterState`) in front of its own entry actions.
   */
  states?: Record<string, Record<string, unknown>>;
  /**
   * Extra transitions on existing (or new) states: `{ running: { 'executor.message': {...} } }`.
   * They are tried before the default transitions for the same event.
   */
  transitions?: Record<string, Record<string, TransitionList>>;
  /** Extra machine-wide transitions (tried before the defaults). */
  on?: Record<string, TransitionList>;
  /** Extra or replacement actions, guards and delays, by name. */
  actions?: Record<string, Implementation>;
  guards?: Record<string, Implementation>;
  delays?: Record<string, number | Implementation>;
}

function asList(value: TransitionList | undefined): Transition[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function mergeOn(base: Record<string, unknown> | undefined, extra: Record<string, TransitionList>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [eventType, transitions] of Object.entries(extra)) {
    merged[eventType] = [...asList(transitions), ...asList(merged[eventType] as TransitionList | undefined)];
  }
  return merged;
}

function withEntryRecord(name: string, state: Record<string, unknown>): Record<string, unknown> {
  const entry = state.entry === undefined ? [] : Array.isArray(state.entry) ? state.entry : [state.entry];
  return { ...state, entry: [{ type: 'enterState', params: { state: name } }, ...entry] };
}

/**
 * A node machine with extra states, transitions and implementations merged
 * into the default definition. Targets are checked when the machine is built
 * (an unknown target throws). Extra event types are not in `NodeEvent`; send
 * them with a cast.
 *
 * @example
 * const healthChecked = createNodeMachine({
 *   states: {
 *     degraded: { tags: ['live'], on: { 'executor.message': { guard: 'isHealthy', target: 'running' } } },
 *   },
 *   transitions: { running: { 'executor.message': { guard: 'isUnhealthy', target: 'degraded' } } },
 *   guards: {
 *     isHealthy: ({ event }) => event.data === 'b2s=',
 *     isUnhealthy: ({ event }) => event.data !== 'b2s=',
 *   },
 * });
 */
export function createNodeMachine(extension: NodeMachineExtension = {}): NodeMachine {
  const base = nodeMachine.config as unknown as Record<string, any>;
  const states: Record<string, Record<string, unknown>> = { ...base.states };
  for (const [name, state] of Object.entries(extension.states ?? {})) {
    if (name in states) throw new TypeError(`createNodeMachine: state "${name}" already exists; add transitions to it instead`);
    states[name] = withEntryRecord(name, state);
  }
  for (const [name, extra] of Object.entries(extension.transitions ?? {})) {
    const state = states[name];
    if (!state) throw new TypeError(`createNodeMachine: no state "${name}" to add transitions to`);
    states[name] = { ...state, on: mergeOn(state.on as Record<string, unknown> | undefined, extra) };
  }
  const config = { ...base, states, on: mergeOn(base.on, extension.on ?? {}) };
  const extended = nodeSetup.extend({
    actions: (extension.actions ?? {}) as never,
    guards: (extension.guards ?? {}) as never,
    delays: (extension.delays ?? {}) as never,
  });
  return (extended.createMachine as (c: unknown) => AnyStateMachine)(config) as unknown as NodeMachine;
}
