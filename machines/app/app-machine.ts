/**
 * The app machine: an app's own lifecycle plus aggregate counts of its nodes.
 * Nodes are independent root actors, not children: stopping a parent with
 * 10,000 spawned children blocks for ~18 s and its snapshot would not fit in
 * one znode. Every node event is O(1) here; the set of node ids lives in the
 * runtime's registry (and, durably, as the app's child znodes).
 */
import { assign, setup } from 'xstate';
import type { AppContext, AppEvent, AppInput } from './app-types';

export const APP_MACHINE_ID = 'catapult.app';
export const APP_MACHINE_VERSION = 1;

function bump(counts: Record<string, number>, state: string, delta: number): Record<string, number> {
  const next = { ...counts };
  const value = (next[state] ?? 0) + delta;
  if (value > 0) next[state] = value;
  else delete next[state];
  return next;
}

/** The id the app gives its next node: `<appId>-<nextNodeIndex>`. */
export function nextNodeId(context: Pick<AppContext, 'appId' | 'nextNodeIndex'>): string {
  return `${context.appId}-${context.nextNodeIndex}`;
}

export const appSetup = setup({
  types: { context: {} as AppContext, events: {} as AppEvent, input: {} as AppInput },
  actions: {
    markInitialized: assign({ initialized: true }),
    scale: assign(({ event }) => (event.type === 'app.scale' ? { desiredNodes: Math.max(0, event.desiredNodes) } : {})),
    addNode: assign(({ context, event }) =>
      event.type === 'node.added'
        ? { nodeCount: context.nodeCount + 1, nextNodeIndex: context.nextNodeIndex + 1, counts: bump(context.counts, event.state, 1) }
        : {},
    ),
    changeNode: assign(({ context, event }) =>
      event.type === 'node.changed' && event.from !== event.to
        ? { counts: bump(bump(context.counts, event.from, -1), event.to, 1) }
        : {},
    ),
    removeNode: assign(({ context, event }) =>
      event.type === 'node.removed'
        ? { nodeCount: Math.max(0, context.nodeCount - 1), counts: bump(context.counts, event.state, -1) }
        : {},
    ),
    recount: assign(({ event }) => {
      if (event.type !== 'nodes.recount') return {};
      const counts = Object.fromEntries(Object.entries(event.counts).filter(([, n]) => n > 0));
      return { counts, nodeCount: Object.values(counts).reduce((a, b) => a + b, 0) };
    }),
    onRemoved: () => undefined,
  },
  guards: {
    isInitialized: ({ context }) => context.initialized,
    hasNoNodes: ({ context }) => context.nodeCount === 0,
  },
});

/**
 * The default app machine.
 *
 * @example
 * const app = createActor(appMachine, { input: { appId: 'web', at: clock.now() } }).start();
 * if (!app.getSnapshot().context.initialized) {
 *   app.send({ type: 'app.initialize', at: clock.now() }); // persist, then run the callback once
 * }
 */
export const appMachine = appSetup.createMachine({
  id: 'app',
  context: ({ input }) => ({
    appId: input.appId,
    initialized: false,
    desiredNodes: input.desiredNodes ?? 0,
    nodeCount: 0,
    nextNodeIndex: 0,
    counts: {},
    createdAt: input.at,
  }),
  initial: 'initializing',
  on: {
    'node.changed': { actions: 'changeNode' },
    'node.removed': { actions: 'removeNode' },
    'nodes.recount': { actions: 'recount' },
    'app.scale': { actions: 'scale' },
  },
  states: {
    initializing: {
      always: { guard: 'isInitialized', target: 'active' },
      on: {
        'app.initialize': { target: 'active', actions: 'markInitialized' },
        'node.added': { actions: 'addNode' },
        'app.remove': { target: 'removing' },
      },
    },
    active: {
      on: {
        'node.added': { actions: 'addNode' },
        'app.remove': { target: 'removing' },
      },
    },
    removing: {
      always: { guard: 'hasNoNodes', target: 'removed' },
    },
    removed: { type: 'final', entry: 'onRemoved' },
  },
});

export type AppMachine = typeof appMachine;
