/**
 * Narrowing of executor events by type. Like the scheduler guards, each checks
 * both `type` and its payload; unknown types match none.
 */
import { mesos } from '../../proto/gen/mesos';
import type { ExecutorEvent } from './types';

type Event = mesos.v1.executor.IEvent;

const T = mesos.v1.executor.Event.Type;

export type ExecutorSubscribedEvent = Event & { type: mesos.v1.executor.Event.Type.SUBSCRIBED; subscribed: mesos.v1.executor.Event.ISubscribed };
export type LaunchEvent = Event & { type: mesos.v1.executor.Event.Type.LAUNCH; launch: mesos.v1.executor.Event.ILaunch };
export type LaunchGroupEvent = Event & { type: mesos.v1.executor.Event.Type.LAUNCH_GROUP; launch_group: mesos.v1.executor.Event.ILaunchGroup };
export type KillEvent = Event & { type: mesos.v1.executor.Event.Type.KILL; kill: mesos.v1.executor.Event.IKill };
export type AcknowledgedEvent = Event & { type: mesos.v1.executor.Event.Type.ACKNOWLEDGED; acknowledged: mesos.v1.executor.Event.IAcknowledged };
export type ExecutorMessageEvent = Event & { type: mesos.v1.executor.Event.Type.MESSAGE; message: mesos.v1.executor.Event.IMessage };
export type ExecutorErrorEvent = Event & { type: mesos.v1.executor.Event.Type.ERROR; error: mesos.v1.executor.Event.IError };
export type ShutdownEvent = Event & { type: mesos.v1.executor.Event.Type.SHUTDOWN };
export type ExecutorHeartbeatEvent = Event & { type: mesos.v1.executor.Event.Type.HEARTBEAT };

const present = (value: unknown): boolean => value !== null && value !== undefined;

export const isExecutorSubscribed = (e: ExecutorEvent): e is ExecutorSubscribedEvent =>
  e.type === T.SUBSCRIBED && present(e.subscribed);
export const isLaunch = (e: ExecutorEvent): e is LaunchEvent => e.type === T.LAUNCH && present(e.launch);
export const isLaunchGroup = (e: ExecutorEvent): e is LaunchGroupEvent => e.type === T.LAUNCH_GROUP && present(e.launch_group);
export const isKill = (e: ExecutorEvent): e is KillEvent => e.type === T.KILL && present(e.kill);
/** The agent stored an update (this is not the scheduler's acknowledgement). */
export const isAcknowledged = (e: ExecutorEvent): e is AcknowledgedEvent => e.type === T.ACKNOWLEDGED && present(e.acknowledged);
export const isExecutorMessage = (e: ExecutorEvent): e is ExecutorMessageEvent => e.type === T.MESSAGE && present(e.message);
export const isExecutorError = (e: ExecutorEvent): e is ExecutorErrorEvent => e.type === T.ERROR && present(e.error);
export const isShutdown = (e: ExecutorEvent): e is ShutdownEvent => e.type === T.SHUTDOWN;
export const isExecutorHeartbeat = (e: ExecutorEvent): e is ExecutorHeartbeatEvent => e.type === T.HEARTBEAT;

/** True when the event's type is one this SDK knows. */
export function isKnownExecutorEvent(e: ExecutorEvent): boolean {
  return typeof e.type === 'number' && e.type !== T.UNKNOWN && mesos.v1.executor.Event.Type[e.type] !== undefined;
}
