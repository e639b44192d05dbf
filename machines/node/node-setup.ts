/**
 * The node machine's typed setup: every action, guard and delay it refers to
 * by name. Replace any of them with `nodeMachine.provide({ actions, guards, delays })`,
 * or add more with `nodeSetup.extend(...)` / {@link createNodeMachine}.
 */
import { assign, setup, type AnyStateMachine } from 'xstate';
import { isTerminalTaskState, type TaskStateName } from '../common/task-state';
import { defaultRelaunchBackoff, type RelaunchBackoffFn } from './node-backoff';
import { currentTaskId } from './node-options';
import type { KillIntent, NodeContext, NodeEvent, NodeInput, NodeTimerName } from './node-types';
import { initialNodeContext } from './node-options';
import * as u from './node-updates';

/** Tags on node states; `live` marks states in which a task may be running. */
export type NodeTag = 'live' | 'resting' | 'terminal';

const noop = (): void => undefined;

/** Reads the relaunch delay implementation the running machine was given (provided or default). */
function relaunchBackoffOf(self: unknown): RelaunchBackoffFn {
  const logic = (self as { logic?: AnyStateMachine } | undefined)?.logic;
  const provided = logic?.implementations?.delays?.relaunchBackoff as unknown;
  if (typeof provided === 'function') return provided as RelaunchBackoffFn;
  if (typeof provided === 'number') return () => provided;
  return defaultRelaunchBackoff;
}

export const nodeSetup = setup({
  types: {
    context: {} as NodeContext,
    events: {} as NodeEvent,
    input: {} as NodeInput,
    tags: {} as NodeTag,
  },
  actions: {
    enterState: assign(({ context, event }, params: { state: string }) => u.enterState(context, event, params.state)),
    acceptStatus: assign(({ context, event }) => (event.type === 'task.status' ? u.acceptStatus(context, event) : {})),
    recordStale: assign(({ context, event }) => (event.type === 'task.status' ? u.recordStale(context, event) : {})),
    placeTask: assign(({ context, event }) => (event.type === 'offer.matched' ? u.placeTask(context, event) : {})),
    recordUnplaced: assign(({ event }) => (event.type === 'offer.unplaced' ? { pendingReason: event.reason } : {})),
    setPendingReason: assign((_, params: { reason: string }) => ({ pendingReason: params.reason })),
    killTask: assign(({ context }) => u.killTask(context)),
    nextIncarnation: assign(({ context }) => u.nextIncarnation(context)),
    sendMessage: assign(({ context, event }) => (event.type === 'message.send' ? u.sendMessage(context, event) : {})),
    commandDone: assign(({ context, event }) => (event.type === 'command.done' ? u.commandDone(context, event.id) : {})),
    setKillIntent: assign((_, params: { intent: KillIntent | null }) => u.setKillIntent(params.intent)),
    countFailure: assign(({ context }) => ({ failures: context.failures + 1 })),
    resetFailures: assign(({ context }) => ({ failures: 0, ...u.withDeadline(context, 'stable', undefined) })),
    clearDeadline: assign(({ context }, params: { name: NodeTimerName }) => u.withDeadline(context, params.name, undefined)),
    armDeadline: assign(({ context, event }, params: { name: Exclude<NodeTimerName, 'relaunch'> }) => {
      const o = context.options;
      const delayMs = {
        killRetry: o.killRetryMs,
        launchTimeout: o.launchTimeoutMs,
        stable: o.stableAfterMs,
        unreachable: o.unreachableTimeoutMs,
      }[params.name];
      return u.withDeadline(context, params.name, u.atOf(context, event) + delayMs);
    }),
    // xstate only consults `delays` for `after`, which does not survive a restore;
    // so the deadline is computed here from whichever `relaunchBackoff` the machine was given.
    armRelaunch: assign(({ context, event, self }) => {
      const delayMs = Math.max(0, relaunchBackoffOf(self)({ context, event }));
      return u.withDeadline(context, 'relaunch', u.atOf(context, event) + delayMs);
    }),
    onRunning: noop,
    onFailed: noop,
    onFinished: noop,
    onKilled: noop,
    onLost: noop,
    onMessage: noop,
  },
  guards: {
    isStatus: ({ context, event }, params: { states: readonly TaskStateName[] }) =>
      event.type === 'task.status' && event.taskId === currentTaskId(context) && params.states.includes(event.state),
    isCurrentTask: ({ context, event }) => event.type === 'task.status' && event.taskId === currentTaskId(context),
    isDue: ({ context, event }, params: { name: NodeTimerName }) => {
      if (event.type !== 'timer' || event.name !== params.name) return false;
      const deadline = context.deadlines[params.name];
      return deadline !== undefined && event.at >= deadline;
    },
    shouldRelaunch: ({ context }) => context.options.maxFailures === null || context.failures < context.options.maxFailures,
    killedByUser: ({ context }) => context.killIntent === 'kill',
    intentIs: ({ context }, params: { intent: KillIntent }) => context.killIntent === params.intent,
    isTerminalWithIntent: ({ context, event }, params: { intent: KillIntent }) =>
      context.killIntent === params.intent &&
      event.type === 'task.status' &&
      event.taskId === currentTaskId(context) &&
      isTerminalTaskState(event.state),
  },
  delays: {
    relaunchBackoff: ({ context, event }) => defaultRelaunchBackoff({ context, event }),
  },
});

export { initialNodeContext };
