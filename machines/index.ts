/**
 * catapult's machines: pure XState v5 definitions (no I/O, no clock). Every
 * output is a command in `context.outbox` or a deadline in `context.deadlines`;
 * `src/nodes` persists them and performs them.
 *
 * @example
 * import { nodeMachine, dueDeadlines } from 'catapult/machines';
 * const lifecycle = nodeMachine.provide({
 *   guards: { shouldRelaunch: ({ context }) => context.failures < 5 },
 *   delays: { relaunchBackoff: ({ context }) => Math.min(60_000, 1000 * 2 ** context.failures) },
 * });
 */
export { TASK_STATES, TERMINAL_TASK_STATES, FAILED_TASK_STATES, LOST_TASK_STATES, isTerminalTaskState } from './common/task-state';
export type { TaskStateName } from './common/task-state';

export { nodeMachine, NODE_MACHINE_ID, NODE_MACHINE_VERSION, NODE_STATES } from './node/node-machine';
export type { NodeMachine, NodeStateName } from './node/node-machine';
export { nodeSetup } from './node/node-setup';
export type { NodeTag } from './node/node-setup';
export { createNodeMachine } from './node/create-node-machine';
export type { NodeMachineExtension } from './node/create-node-machine';
export { dueDeadlines } from './node/node-deadlines';
export type { DueDeadline } from './node/node-deadlines';
export { defaultRelaunchBackoff } from './node/node-backoff';
export type { RelaunchBackoffFn } from './node/node-backoff';
export { DEFAULT_NODE_OPTIONS, taskIdOf, currentTaskId, parseTaskId, initialNodeContext } from './node/node-options';
export { causeOf, appendHistory } from './node/node-history';
export type {
  NodeContext,
  NodeEvent,
  NodeInput,
  NodeOptions,
  NodeCommand,
  NodeDeadlines,
  NodeTimerName,
  NodeOperatorCommand,
  KillIntent,
  HistoryEntry,
  HistoryCause,
  TaskStatusEvent,
} from './node/node-types';

export { appMachine, appSetup, nextNodeId, APP_MACHINE_ID, APP_MACHINE_VERSION } from './app/app-machine';
export type { AppMachine } from './app/app-machine';
export type { AppContext, AppEvent, AppInput } from './app/app-types';

export {
  frameworkMachine,
  frameworkSetup,
  defaultResubscribeBackoff,
  DEFAULT_FRAMEWORK_OPTIONS,
  FRAMEWORK_MACHINE_ID,
  FRAMEWORK_MACHINE_VERSION,
} from './framework/framework-machine';
export type { FrameworkMachine } from './framework/framework-machine';
export type { FrameworkContext, FrameworkEvent, FrameworkInput, FrameworkCommand, FrameworkOptions } from './framework/framework-types';

export { toEnvelope, encodeEnvelope, encodeActorEnvelope, loadEnvelope } from './snapshot-envelope';
export type { SnapshotEnvelope } from './snapshot-envelope';
export { MACHINE_REGISTRY } from './migrations';
export type { MachineRegistry, SnapshotMigration, PersistedSnapshotJson } from './migrations';
export { SnapshotCorruptError, SnapshotUnknownMachineError, SnapshotUnsupportedVersionError } from './snapshot-errors';
