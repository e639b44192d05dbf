/**
 * Pure context updates used by the node machine's named actions. Each takes
 * the context and the event and returns the changed fields only.
 */
import type { KillIntent, NodeCommand, NodeContext, NodeEvent, NodeTimerName, TaskStatusEvent } from './node-types';
import { appendHistory, causeOf } from './node-history';
import { currentTaskId } from './node-options';

type Update = Partial<NodeContext>;
/** A command before the machine gives it an id. */
export type NewCommand = NodeCommand extends infer C ? (C extends NodeCommand ? Omit<C, 'id'> : never) : never;

/** The time of an event; the init event has none, so creation time stands in. */
export function atOf(context: NodeContext, event: { type: string }): number {
  const at = (event as { at?: unknown }).at;
  return typeof at === 'number' ? at : context.createdAt;
}

/** Appends commands to the outbox, each with an id unique to this node. */
export function withCommands(context: NodeContext, commands: NewCommand[]): Update {
  if (commands.length === 0) return {};
  let seq = context.commandSeq;
  const added = commands.map((c) => ({ ...c, id: `${context.nodeId}#${++seq}` }) as NodeCommand);
  return { outbox: [...context.outbox, ...added], commandSeq: seq };
}

export function withDeadline(context: NodeContext, name: NodeTimerName, at: number | undefined): Update {
  const deadlines = { ...context.deadlines };
  if (at === undefined) delete deadlines[name];
  else deadlines[name] = at;
  return { deadlines };
}

export function enterState(context: NodeContext, event: { type: string }, state: string): Update {
  const entry = { at: atOf(context, event), from: context.stateName, to: state, cause: causeOf(event) };
  return { stateName: state, history: appendHistory(context.history, entry, context.options.historyLimit) };
}

function ackFor(event: TaskStatusEvent, agentId: string | null): NewCommand[] {
  const agent = event.agentId ?? agentId;
  if (event.uuid === undefined || !agent) return [];
  return [{ type: 'acknowledge', agentId: agent, taskId: event.taskId, uuid: event.uuid }];
}

/** Records a status of the current task and queues its acknowledgement. */
export function acceptStatus(context: NodeContext, event: TaskStatusEvent): Update {
  const { taskId, state, reason, source, message, at } = event;
  const lastStatus: NonNullable<NodeContext['lastStatus']> = { taskId, state, at };
  if (reason !== undefined) lastStatus.reason = reason;
  if (source !== undefined) lastStatus.source = source;
  if (message !== undefined) lastStatus.message = message;
  const agentId = event.agentId ?? context.agentId;
  return {
    lastStatus,
    agentId,
    executorId: event.executorId ?? context.executorId,
    ...withCommands(context, ackFor(event, agentId)),
  };
}

/** Journals a status of an older incarnation (no state change) and queues its acknowledgement. */
export function recordStale(context: NodeContext, event: TaskStatusEvent): Update {
  const cause = { ...(causeOf(event) as Extract<ReturnType<typeof causeOf>, { kind: 'mesos' }>), stale: true as const };
  const to = context.stateName ?? 'unknown';
  const entry = { at: event.at, from: context.stateName, to, cause };
  return {
    history: appendHistory(context.history, entry, context.options.historyLimit),
    ...withCommands(context, event.agentId && event.uuid ? ackFor(event, null) : []),
  };
}

export function placeTask(context: NodeContext, event: Extract<NodeEvent, { type: 'offer.matched' }>): Update {
  const launch: NewCommand = {
    type: 'launch',
    taskId: currentTaskId(context),
    agentId: event.agentId,
    hostname: event.hostname,
    offerId: event.offerId,
  };
  if (event.ports !== undefined) launch.ports = [...event.ports];
  return {
    launched: true,
    agentId: event.agentId,
    hostname: event.hostname,
    offerId: event.offerId,
    ports: event.ports ? [...event.ports] : null,
    executorId: null,
    pendingReason: null,
    ...withCommands(context, [launch]),
  };
}

/** Queues a kill of the current task unless one is already queued. */
export function killTask(context: NodeContext): Update {
  const taskId = currentTaskId(context);
  if (context.outbox.some((c) => c.type === 'kill' && c.taskId === taskId)) return {};
  const kill: NewCommand = { type: 'kill', taskId };
  if (context.agentId) kill.agentId = context.agentId;
  return withCommands(context, [kill]);
}

/** Moves to the next incarnation if the current one was launched; forgets its placement. */
export function nextIncarnation(context: NodeContext): Update {
  if (!context.launched) return {};
  return {
    incarnation: context.incarnation + 1,
    launched: false,
    agentId: null,
    hostname: null,
    executorId: null,
    offerId: null,
    ports: null,
  };
}

export function sendMessage(context: NodeContext, event: Extract<NodeEvent, { type: 'message.send' }>): Update {
  if (!context.agentId) return {};
  const message: NewCommand = { type: 'message', taskId: currentTaskId(context), agentId: context.agentId, data: event.data };
  if (context.executorId) message.executorId = context.executorId;
  return withCommands(context, [message]);
}

export function commandDone(context: NodeContext, id: string): Update {
  const index = context.outbox.findIndex((c) => c.id === id);
  if (index < 0) return {};
  const outbox = context.outbox.slice();
  outbox.splice(index, 1);
  return { outbox };
}

export function setKillIntent(intent: KillIntent | null): Update {
  return { killIntent: intent };
}
