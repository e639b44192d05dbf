/**
 * Statechart SVGs with a state lit, rendered once per machine and state and
 * then served from memory (a node page reloads its chart on every transition).
 */
import type { AnyStateMachine } from 'xstate';
import { renderMachine } from '../visualize/render-machine';
import { CATEGORY_COLORS, stateCategory } from './state-palette';

/** Distinct lit charts kept per machine. */
const MAX_ENTRIES_PER_MACHINE = 64;

export class StatechartCache {
  private readonly byMachine = new WeakMap<AnyStateMachine, Map<string, Promise<string>>>();

  /**
   * The machine's SVG with `active` lit in its state's colour.
   *
   * @throws VisualizeUnknownStateError (rejected) when a state is not in the machine.
   */
  svg(machine: AnyStateMachine, active: readonly string[]): Promise<string> {
    let cache = this.byMachine.get(machine);
    if (!cache) this.byMachine.set(machine, (cache = new Map()));
    const key = active.join('\u0000');
    const hit = cache.get(key);
    if (hit) return hit;
    const fillColor = active.length === 1 ? CATEGORY_COLORS[stateCategory(active[0] as string)] : undefined;
    const highlight = active.length > 0 ? { highlight: { active, ...(fillColor ? { fillColor } : {}) } } : {};
    const rendered = renderMachine(machine, 'svg', highlight);
    rendered.catch(() => cache.delete(key));
    if (cache.size >= MAX_ENTRIES_PER_MACHINE) cache.delete(cache.keys().next().value as string);
    cache.set(key, rendered);
    return rendered;
  }
}
