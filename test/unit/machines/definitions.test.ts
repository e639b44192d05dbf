import type { AnyStateMachine } from 'xstate';
import { appMachine, frameworkMachine, nodeMachine } from '../../../machines';

/** Every action and guard name a definition refers to, walking the JSON definition. */
function referencedNames(machine: AnyStateMachine): { actions: Set<string>; guards: Set<string> } {
  const actions = new Set<string>();
  const guards = new Set<string>();
  const visitGuard = (g: unknown): void => {
    if (!g) return;
    if (typeof g === 'string') guards.add(g);
    else if (typeof g === 'object') {
      const { type, params } = g as { type?: string; params?: { guards?: unknown[] } };
      if (type && !type.startsWith('xstate.')) guards.add(type);
      for (const inner of params?.guards ?? []) visitGuard(inner);
    }
  };
  const visitAction = (a: unknown): void => {
    if (typeof a === 'string') actions.add(a);
    else if (a && typeof a === 'object' && typeof (a as { type?: unknown }).type === 'string') actions.add((a as { type: string }).type);
  };
  const walk = (node: any): void => {
    for (const a of [...(node.entry ?? []), ...(node.exit ?? [])]) visitAction(a);
    for (const list of Object.values(node.on ?? {}) as any[]) {
      for (const t of list) {
        visitGuard(t.guard);
        for (const a of t.actions ?? []) visitAction(a);
      }
    }
    for (const t of node.always ?? []) {
      visitGuard(t.guard);
      for (const a of t.actions ?? []) visitAction(a);
    }
    for (const child of Object.values(node.states ?? {})) walk(child);
  };
  walk(machine.toJSON());
  return { actions, guards };
}

describe.each([
  ['node', nodeMachine],
  ['app', appMachine],
  ['framework', frameworkMachine],
] as const)('%s machine definition', (_, machine) => {
  it('implements every action and guard it names', () => {
    const { actions, guards } = referencedNames(machine as AnyStateMachine);
    expect(actions.size).toBeGreaterThan(0);
    for (const name of actions) expect(Object.keys(machine.implementations.actions)).toContain(name);
    for (const name of guards) expect(Object.keys(machine.implementations.guards)).toContain(name);
  });

  it('uses no delayed transitions (timers are deadlines in context)', () => {
    expect(JSON.stringify(machine.toJSON())).not.toMatch(/xstate\.after/);
  });
});
