/**
 * Customizing what a node does by changing its state machine instead of
 * overriding callbacks. Two ways, both passed to MesosAppFramework as
 * `{ nodeMachine }`; the SchedulerNode callbacks still fire.
 *
 * 1. `nodeMachine.provide(...)` swaps implementations the default machine
 *    refers to by name: here the `shouldRelaunch` guard (give up after 5
 *    consecutive failures) and the `relaunchBackoff` delay (2 s, 4 s, 8 s...
 *    capped at a minute).
 * 2. `createNodeMachine(...)` adds states and transitions: here a `degraded`
 *    state a running node enters when its executor reports "unhealthy" and
 *    leaves on "healthy". It is tagged `live` (its task still runs), it is
 *    journaled in the node's history and persisted like any other state, so
 *    a new leader restores a degraded node as degraded.
 */
import { createNodeMachine, FAILED_TASK_STATES, LOST_TASK_STATES, nodeMachine, type NodeContext, type TaskStateName } from '../../machines';

/** Consecutive failures after which a node is left failed. */
export const MAX_FAILURES = 5;
/** The relaunch delay never exceeds this. */
export const MAX_BACKOFF_MS = 60_000;

/** `shouldRelaunch`: relaunch until MAX_FAILURES consecutive failures. */
export const shouldRelaunch = ({ context }: { context: NodeContext }): boolean => context.failures < MAX_FAILURES;

/** `relaunchBackoff`: 2^failures seconds, at most MAX_BACKOFF_MS. */
export const relaunchBackoff = ({ context }: { context: NodeContext }): number => Math.min(MAX_BACKOFF_MS, 1000 * 2 ** context.failures);

/** The default machine with a bounded relaunch policy. */
export const patientLifecycle = nodeMachine.provide({ guards: { shouldRelaunch }, delays: { relaunchBackoff } });

/** Executor messages arrive base64-encoded in `event.data`. */
const says = (text: string) => ({ event }: { event: { data?: string } }) => Buffer.from(event.data ?? '', 'base64').toString('utf8') === text;

const status = (states: readonly TaskStateName[]) => ({ type: 'isStatus', params: { states } });

/** The same policy plus a `degraded` state driven by the executor's health reports. */
export const healthCheckedLifecycle = createNodeMachine({
  states: {
    degraded: {
      tags: ['live'],
      on: {
        'executor.message': { guard: 'reportsHealthy', target: 'running', actions: 'onMessage' },
        // The task can still end while degraded: the default terminal transitions, as in `running`.
        'task.status': [
          { guard: status(['TASK_FINISHED']), target: 'finished', actions: ['acceptStatus'] },
          { guard: status(FAILED_TASK_STATES), target: 'failed', actions: ['acceptStatus', 'countFailure'] },
          { guard: status(['TASK_KILLED']), target: 'killed', actions: ['acceptStatus', 'countFailure'] },
          { guard: status(LOST_TASK_STATES), target: 'lost', actions: ['acceptStatus', 'countFailure'] },
          { guard: status(['TASK_UNREACHABLE']), target: 'unreachable', actions: ['acceptStatus'] },
        ],
        'message.send': { actions: 'sendMessage' },
        kill: { target: 'killing', actions: [{ type: 'setKillIntent', params: { intent: 'kill' } }] },
        remove: { target: 'killing', actions: [{ type: 'setKillIntent', params: { intent: 'remove' } }] },
        relaunch: { target: 'killing', actions: [{ type: 'setKillIntent', params: { intent: 'relaunch' } }] },
        pause: { target: 'killing', actions: [{ type: 'setKillIntent', params: { intent: 'pause' } }] },
      },
    },
  },
  transitions: { running: { 'executor.message': { guard: 'reportsUnhealthy', target: 'degraded', actions: 'onMessage' } } },
  guards: { shouldRelaunch, reportsHealthy: says('healthy'), reportsUnhealthy: says('unhealthy') },
  delays: { relaunchBackoff },
});
