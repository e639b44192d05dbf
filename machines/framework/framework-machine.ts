/**
 * The framework machine: leader election and the Mesos subscription. Outputs
 * are `subscribe` commands in `context.outbox` and the `resubscribe` deadline;
 * the runtime performs the HTTP call and feeds back what happened.
 */
import { assign, setup, type AnyStateMachine } from 'xstate';
import type { FrameworkContext, FrameworkEvent, FrameworkInput, FrameworkOptions } from './framework-types';

export const FRAMEWORK_MACHINE_ID = 'catapult.framework';
export const FRAMEWORK_MACHINE_VERSION = 1;

export const DEFAULT_FRAMEWORK_OPTIONS: Readonly<FrameworkOptions> = Object.freeze({
  resubscribeInitialMs: 500,
  resubscribeMaxMs: 30_000,
});

type BackoffFn = (args: { context: FrameworkContext; event: FrameworkEvent }) => number;

/** The default re-subscribe delay: doubles per failed attempt, capped. */
export const defaultResubscribeBackoff: BackoffFn = ({ context }) => {
  const { resubscribeInitialMs, resubscribeMaxMs } = context.options;
  return Math.min(resubscribeMaxMs, resubscribeInitialMs * 2 ** Math.min(30, Math.max(0, context.attempts - 1)));
};

/** Mesos errors after which subscribing again cannot succeed. */
const FATAL_ERROR = /has been removed|framework .*(removed|not authorized|teardown)/i;

function backoffOf(self: unknown): BackoffFn {
  const provided = (self as { logic?: AnyStateMachine } | undefined)?.logic?.implementations?.delays?.resubscribeBackoff as unknown;
  if (typeof provided === 'function') return provided as BackoffFn;
  if (typeof provided === 'number') return () => provided;
  return defaultResubscribeBackoff;
}

export const frameworkSetup = setup({
  types: { context: {} as FrameworkContext, events: {} as FrameworkEvent, input: {} as FrameworkInput },
  actions: {
    queueSubscribe: assign(({ context }) => {
      const commandSeq = context.commandSeq + 1;
      const outbox = [...context.outbox, { id: `framework#${commandSeq}`, type: 'subscribe' as const, frameworkId: context.frameworkId }];
      return { outbox, commandSeq };
    }),
    setFrameworkId: assign(({ event }) => (event.type === 'subscribed' ? { frameworkId: event.frameworkId, attempts: 0, lastError: null } : {})),
    forgetFrameworkId: assign({ frameworkId: null }),
    recordError: assign(({ event }) =>
      event.type === 'error' ? { lastError: event.message } : event.type === 'disconnected' ? { lastError: event.reason } : {},
    ),
    countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
    armResubscribe: assign(({ context, event, self }) => ({
      deadlines: { ...context.deadlines, resubscribe: event.at + Math.max(0, backoffOf(self)({ context, event })) },
    })),
    clearResubscribe: assign({ deadlines: {} }),
    clearOutbox: assign({ outbox: [] }),
    commandDone: assign(({ context, event }) =>
      event.type === 'command.done' ? { outbox: context.outbox.filter((c) => c.id !== event.id) } : {},
    ),
    onFrameworkRemoved: () => undefined,
  },
  guards: {
    isFatalError: ({ event }) => event.type === 'error' && FATAL_ERROR.test(event.message),
    isResubscribeDue: ({ context, event }) =>
      event.type === 'timer' && context.deadlines.resubscribe !== undefined && event.at >= context.deadlines.resubscribe,
  },
  delays: {
    resubscribeBackoff: ({ context, event }) => defaultResubscribeBackoff({ context, event }),
  },
});

/**
 * The default framework machine.
 *
 * @example
 * const fw = createActor(frameworkMachine.provide({ actions: { onFrameworkRemoved: () => process.exit(2) } }),
 *   { input: { frameworkId: storedId } }).start();
 * fw.send({ type: 'elected', at: clock.now() }); // outbox: [{ type: 'subscribe', frameworkId: storedId }]
 */
export const frameworkMachine = frameworkSetup.createMachine({
  id: 'framework',
  context: ({ input }) => ({
    frameworkId: input.frameworkId ?? null,
    attempts: 0,
    lastError: null,
    deadlines: {},
    outbox: [],
    commandSeq: 0,
    options: { ...DEFAULT_FRAMEWORK_OPTIONS, ...input.options },
  }),
  initial: 'standby',
  on: { 'command.done': { actions: 'commandDone' } },
  states: {
    standby: {
      on: { elected: 'leading', stop: 'stopped' },
    },
    leading: {
      initial: 'subscribing',
      exit: ['clearOutbox', 'clearResubscribe'],
      on: {
        deposed: 'standby',
        suspended: 'standby',
        stop: 'stopped',
        error: [
          { guard: 'isFatalError', target: 'stopped', actions: ['recordError', 'forgetFrameworkId', 'onFrameworkRemoved'] },
          { target: '.disconnected', actions: 'recordError' },
        ],
      },
      states: {
        subscribing: {
          entry: 'queueSubscribe',
          on: {
            subscribed: { target: 'subscribed', actions: 'setFrameworkId' },
            disconnected: { target: 'disconnected', actions: 'recordError' },
          },
        },
        subscribed: {
          on: { disconnected: { target: 'disconnected', actions: 'recordError' } },
        },
        disconnected: {
          entry: ['countAttempt', 'armResubscribe'],
          exit: 'clearResubscribe',
          on: { timer: { guard: 'isResubscribeDue', target: 'subscribing' } },
        },
      },
    },
    stopped: { type: 'final' },
  },
});

export type FrameworkMachine = typeof frameworkMachine;
