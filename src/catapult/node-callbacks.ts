/**
 * The node machine's named callback actions (`onRunning`, `onFailed`, ...),
 * supplied with `provide()` so that they call the user's SchedulerNode
 * methods. The machine keeps all the state and decides what happens next;
 * the callbacks only observe. They run after the transition (deferred to a
 * microtask), so a callback that drives the node (e.g. `driver.killNode`)
 * sends a new event instead of re-entering the machine mid-transition.
 *
 * A restored actor does not re-run entry actions, so no callback fires
 * twice for one transition across a failover.
 */
import type { NodeContext, NodeMachine } from '../../machines';
import type { Logger } from '../util/logger';

/** The user-facing callback each named action calls. */
export const NODE_CALLBACKS = {
  onRunning: 'running',
  onFailed: 'failed',
  onFinished: 'finished',
  onKilled: 'killed',
  onLost: 'lost',
  onMessage: 'message',
} as const;

export type NodeCallbackName = (typeof NODE_CALLBACKS)[keyof typeof NODE_CALLBACKS];

/** Receives each callback, with the node's context at the transition and, for messages, the bytes. */
export type NodeCallbackSink = (callback: NodeCallbackName, context: NodeContext, data?: Uint8Array) => void | Promise<void>;

type ActionArgs = { context: NodeContext; event: { type: string; data?: unknown } };
type ActionFn = (args: ActionArgs, params?: unknown) => void;

/**
 * `machine` with its callback actions routed to `sink`. An implementation the
 * machine was already given (a customized machine) still runs, first.
 */
export function withNodeCallbacks(machine: NodeMachine, sink: NodeCallbackSink, logger: Logger): NodeMachine {
  const existing = (machine.implementations.actions ?? {}) as Record<string, unknown>;
  const actions: Record<string, ActionFn> = {};
  for (const [action, callback] of Object.entries(NODE_CALLBACKS)) {
    const previous = existing[action];
    actions[action] = (args, params) => {
      if (typeof previous === 'function') (previous as ActionFn)(args, params);
      const context = args.context;
      const data = callback === 'message' && typeof args.event.data === 'string' ? new Uint8Array(Buffer.from(args.event.data, 'base64')) : undefined;
      queueMicrotask(() => {
        Promise.resolve()
          .then(() => sink(callback, context, data))
          .catch((err: unknown) => logger.error({ err, nodeId: context.nodeId, callback }, `the node's ${callback} callback threw`));
      });
    };
  }
  return machine.provide({ actions: actions as never });
}
