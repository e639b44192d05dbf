/**
 * Persisted machine actors: every app and node of the framework as an
 * independent root actor, written through the state store before any of its
 * commands run, with durable deadlines armed on the injected clock.
 *
 * @example
 * const runtime = new NodeRuntime({ store, executor, clock: systemClock });
 * const { reconcile, failures } = await runtime.restore();
 * const app = runtime.apps.get('web') ?? (await runtime.createApp('web', { meta: { name: 'web' } }));
 * if (await app.initializeOnce()) for (let i = 0; i < 3; i++) await runtime.addNode('web');
 * runtime.routeStatus({ taskId: 'web-0.1', state: 'TASK_RUNNING', agentId, uuid });
 */
export { NodeRuntime } from './node-runtime';
export type { NodeRuntimeOptions, AddNodeOptions, CreateAppOptions } from './node-runtime';
export { NodeHost } from './node-host';
export type { NodeHostServices } from './node-host';
export { AppHost } from './app-host';
export { TimerService } from './timer-service';
export type { Deadline } from './timer-service';
export { SnapshotPersister } from './snapshot-persister';
export { executeCommand } from './command-executor';
export type { CommandExecutor, CommandTarget } from './command-executor';
export type { RestoreReport, ReconcileTask } from './restore-all';
export { NodeRestoreError, NodeIdConflictError, NodeNotFoundError, NodePersistError, NodeCommandError } from './node-errors';
