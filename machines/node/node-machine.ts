/**
 * The node machine: one task slot of an app, from placement to removal.
 * Pure: its only outputs are the commands it appends to `context.outbox`,
 * the deadlines in `context.deadlines`, and calls to the named callback actions.
 */
import { and, not } from 'xstate';
import { FAILED_TASK_STATES, LOST_TASK_STATES, TERMINAL_TASK_STATES, type TaskStateName } from '../common/task-state';
import { initialNodeContext } from './node-options';
import { nodeSetup } from './node-setup';
import type { KillIntent, NodeTimerName } from './node-types';

/** The node machine's id, stored in every snapshot envelope. */
export const NODE_MACHINE_ID = 'catapult.node';
/** The node machine's definition version; bump it (and add a migration) when a snapshot's shape changes. */
export const NODE_MACHINE_VERSION = 2;

/** The node machine's top-level states. */
export const NODE_STATES = [
  'pending',
  'launching',
  'staging',
  'starting',
  'running',
  'unreachable',
  'killing',
  'finished',
  'failed',
  'killed',
  'lost',
  'relaunching',
  'paused',
  'removed',
] as const;
export type NodeStateName = (typeof NODE_STATES)[number];

const status = (states: readonly TaskStateName[]) => ({ type: 'isStatus', params: { states } }) as const;
const due = (name: NodeTimerName) => ({ type: 'isDue', params: { name } }) as const;
const enter = (state: NodeStateName) => ({ type: 'enterState', params: { state } }) as const;
const arm = (name: Exclude<NodeTimerName, 'relaunch'>) => ({ type: 'armDeadline', params: { name } }) as const;
const clear = (name: NodeTimerName) => ({ type: 'clearDeadline', params: { name } }) as const;
const intent = (value: KillIntent | null) => ({ type: 'setKillIntent', params: { intent: value } }) as const;

/** Status transitions shared by every state in which the task may be alive. */
const terminalFromLive = [
  { guard: status(['TASK_FINISHED']), target: 'finished', actions: ['acceptStatus'] },
  { guard: status(FAILED_TASK_STATES), target: 'failed', actions: ['acceptStatus', 'countFailure'] },
  { guard: status(['TASK_KILLED']), target: 'killed', actions: ['acceptStatus', 'countFailure'] },
  { guard: status(LOST_TASK_STATES), target: 'lost', actions: ['acceptStatus', 'countFailure'] },
] as const;
const toUnreachable = { guard: status(['TASK_UNREACHABLE']), target: 'unreachable', actions: ['acceptStatus'] } as const;
const toStaging = { guard: status(['TASK_STAGING']), target: 'staging', actions: ['acceptStatus'] } as const;
const toStarting = { guard: status(['TASK_STARTING']), target: 'starting', actions: ['acceptStatus'] } as const;
const toRunning = { guard: status(['TASK_RUNNING']), target: 'running', actions: ['acceptStatus'] } as const;

/** Operator commands while a task may be alive: kill it first, then go where the intent says. */
const operatorWhileLive = {
  kill: { target: 'killing', actions: [intent('kill')] },
  remove: { target: 'killing', actions: [intent('remove')] },
  pause: { target: 'killing', actions: [intent('pause')] },
  relaunch: { target: 'killing', actions: [intent('relaunch')] },
  'message.send': { actions: 'sendMessage' },
} as const;

/** Operator commands while no task is alive. An operator's relaunch or resume starts the failure count afresh. */
const operatorWhileIdle = {
  relaunch: { target: 'pending', actions: ['resetFailures'] },
  remove: { target: 'removed' },
  pause: { target: 'paused' },
  kill: { target: 'killed', actions: [intent('kill')] },
} as const;


/**
 * The default node machine.
 *
 * @example
 * const actor = createActor(nodeMachine, { input: { appId: 'web', nodeId: 'web-0', at: clock.now() } }).start();
 * actor.send({ type: 'offer.matched', agentId: 'a1', hostname: 'h1', offerId: 'o1', at: clock.now() });
 * actor.getSnapshot().context.outbox; // [{ id: 'web-0#1', type: 'launch', taskId: 'web-0.1', ... }]
 */
export const nodeMachine = nodeSetup.createMachine({
  id: 'node',
  context: ({ input }) => initialNodeContext(input),
  initial: 'pending',
  on: {
    'task.status': [{ guard: 'isCurrentTask', actions: 'acceptStatus' }, { actions: 'recordStale' }],
    'command.done': { actions: 'commandDone' },
    'executor.message': { actions: 'onMessage' },
  },
  states: {
    pending: {
      tags: ['resting'],
      entry: [enter('pending'), intent(null), 'nextIncarnation', { type: 'setPendingReason', params: { reason: 'waiting for an offer' } }],
      on: {
        'offer.matched': { target: 'launching', actions: 'placeTask' },
        'offer.unplaced': { actions: 'recordUnplaced' },
        kill: { target: 'killed', actions: [intent('kill')] },
        remove: { target: 'removed' },
        pause: { target: 'paused' },
      },
    },
    launching: {
      tags: ['live'],
      entry: [enter('launching'), arm('launchTimeout')],
      exit: [clear('launchTimeout')],
      on: {
        'task.status': [toStaging, toStarting, toRunning, ...terminalFromLive, toUnreachable],
        timer: { guard: due('launchTimeout'), target: 'lost', actions: ['killTask', 'countFailure'] },
        ...operatorWhileLive,
      },
    },
    staging: {
      tags: ['live'],
      entry: [enter('staging')],
      on: { 'task.status': [toStarting, toRunning, ...terminalFromLive, toUnreachable], ...operatorWhileLive },
    },
    starting: {
      tags: ['live'],
      entry: [enter('starting')],
      on: { 'task.status': [toRunning, ...terminalFromLive, toUnreachable], ...operatorWhileLive },
    },
    running: {
      tags: ['live'],
      entry: [enter('running'), arm('stable'), 'onRunning'],
      exit: [clear('stable')],
      on: {
        'task.status': [...terminalFromLive, toUnreachable],
        timer: { guard: due('stable'), actions: 'resetFailures' },
        ...operatorWhileLive,
      },
    },
    unreachable: {
      tags: ['live'],
      entry: [enter('unreachable'), arm('unreachable')],
      exit: [clear('unreachable')],
      on: {
        'task.status': [toStaging, toStarting, toRunning, ...terminalFromLive],
        timer: { guard: due('unreachable'), target: 'lost', actions: ['killTask', 'countFailure'] },
        ...operatorWhileLive,
      },
    },
    killing: {
      tags: ['live'],
      entry: [enter('killing'), 'killTask', arm('killRetry')],
      exit: [clear('killRetry')],
      on: {
        // where a terminal status leads while killing depends on why the task is killed
        'task.status': [
          { guard: { type: 'isTerminalWithIntent', params: { intent: 'remove' } }, target: 'removed', actions: ['acceptStatus'] },
          { guard: { type: 'isTerminalWithIntent', params: { intent: 'pause' } }, target: 'paused', actions: ['acceptStatus'] },
          { guard: { type: 'isTerminalWithIntent', params: { intent: 'relaunch' } }, target: 'pending', actions: ['acceptStatus', 'resetFailures'] },
          { guard: status(TERMINAL_TASK_STATES), target: 'killed', actions: ['acceptStatus', intent('kill')] },
        ],
        timer: { guard: due('killRetry'), actions: ['killTask', arm('killRetry')] },
        kill: { actions: 'killTask' },
        remove: { actions: [intent('remove')] },
        resume: { guard: { type: 'intentIs', params: { intent: 'pause' } }, actions: [intent('relaunch')] },
      },
    },
    finished: {
      tags: ['resting', 'terminal'],
      entry: [enter('finished'), 'onFinished'],
      on: { ...operatorWhileIdle, kill: undefined },
    },
    failed: {
      tags: ['resting'],
      entry: [enter('failed'), 'onFailed'],
      always: { guard: 'shouldRelaunch', target: 'relaunching' },
      on: operatorWhileIdle,
    },
    lost: {
      tags: ['resting'],
      entry: [enter('lost'), 'onLost'],
      always: { guard: 'shouldRelaunch', target: 'relaunching' },
      on: operatorWhileIdle,
    },
    killed: {
      tags: ['resting', 'terminal'],
      entry: [enter('killed'), 'onKilled'],
      always: { guard: and([not('killedByUser'), 'shouldRelaunch']), target: 'relaunching' },
      on: { ...operatorWhileIdle, kill: undefined },
    },
    relaunching: {
      tags: ['resting'],
      entry: [enter('relaunching'), 'nextIncarnation', 'armRelaunch'],
      exit: [clear('relaunch')],
      on: {
        timer: { guard: due('relaunch'), target: 'pending' },
        relaunch: { target: 'pending', actions: ['resetFailures'] },
        kill: { target: 'killed', actions: [intent('kill')] },
        remove: { target: 'removed' },
        pause: { target: 'paused' },
      },
    },
    paused: {
      tags: ['resting'],
      entry: [enter('paused')],
      on: {
        resume: { target: 'pending', actions: ['resetFailures'] },
        relaunch: { target: 'pending', actions: ['resetFailures'] },
        kill: { target: 'killed', actions: [intent('kill')] },
        remove: { target: 'removed' },
      },
    },
    removed: {
      type: 'final',
      tags: ['terminal'],
      entry: [enter('removed')],
    },
  },
});

/** The node machine's type, with every implementation it can be given. */
export type NodeMachine = typeof nodeMachine;
