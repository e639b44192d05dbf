import type { HistoryCause, HistoryEntry, NodeEvent } from './node-types';

/** What caused a transition, for the journal. */
export function causeOf(event: NodeEvent | { type: string }): HistoryCause {
  const e = event as NodeEvent;
  switch (e.type) {
    case 'task.status': {
      const cause: HistoryCause = { kind: 'mesos', taskId: e.taskId, state: e.state };
      if (e.reason !== undefined) cause.reason = e.reason;
      if (e.source !== undefined) cause.source = e.source;
      if (e.uuid !== undefined) cause.uuid = e.uuid;
      return cause;
    }
    case 'executor.message':
      return { kind: 'message' };
    case 'message.send':
      return { kind: 'operator', command: 'send' };
    case 'kill':
    case 'remove':
    case 'relaunch':
    case 'pause':
    case 'resume':
      return { kind: 'operator', command: e.type };
    case 'timer':
      return { kind: 'timer', name: e.name };
    case 'offer.matched':
      return { kind: 'offer', offerId: e.offerId, agentId: e.agentId };
    case 'offer.unplaced':
      return { kind: 'offer', reason: e.reason };
    default:
      return event.type === 'xstate.init' ? { kind: 'created' } : { kind: 'other', type: event.type };
  }
}

/** Appends `entry`, keeping at most `limit` entries (the newest). */
export function appendHistory(history: readonly HistoryEntry[], entry: HistoryEntry, limit: number): HistoryEntry[] {
  const keep = Math.max(0, limit - 1);
  const start = history.length > keep ? history.length - keep : 0;
  const next = history.slice(start);
  if (limit > 0) next.push(entry);
  return next;
}
