/** Helpers for the envelope format tests: fixtures, drivers in many shapes, exact round trips. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeEnvelope, loadEnvelope, toEnvelope, NODE_MACHINE_ID, NODE_MACHINE_VERSION, type SnapshotEnvelope } from '../../../machines';
import { NodeDriver } from './node-test-kit';

export const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/snapshots', name), 'utf8');

/** The node's envelope as the runtime builds it. */
export function nodeEnvelope(n: NodeDriver, meta: unknown = null): SnapshotEnvelope<unknown> {
  return toEnvelope(NODE_MACHINE_ID, NODE_MACHINE_VERSION, n.actor.getPersistedSnapshot(), meta);
}

/** Encodes and loads an envelope; returns the text and the snapshot and meta as JSON text (key order included). */
export function roundTrip(envelope: SnapshotEnvelope<unknown>) {
  const text = encodeEnvelope(envelope);
  const loaded = loadEnvelope(text);
  return { text, loaded, snapshotJson: JSON.stringify(loaded.snapshot), metaJson: JSON.stringify(loaded.meta) };
}

/** Drivers in the shapes a node goes through, keyed by a description. */
export function nodeShapes(): Array<[string, () => NodeDriver]> {
  return [
    ['new', () => new NodeDriver()],
    ['launching', () => new NodeDriver().offer()],
    ['running, outbox pending', () => new NodeDriver().run()],
    ['running, drained', () => new NodeDriver().run().drain()],
    ['killing', () => new NodeDriver().run().send({ type: 'kill' })],
    ['relaunching', () => new NodeDriver().run().status('TASK_FAILED', { reason: 'REASON_COMMAND_EXECUTOR_FAILED', source: 'SOURCE_EXECUTOR', message: 'exit 1' })],
    ['unreachable', () => new NodeDriver().run().status('TASK_UNREACHABLE', { reason: 'REASON_AGENT_REMOVED' })],
    ['paused', () => new NodeDriver().send({ type: 'pause' })],
    ['finished', () => new NodeDriver().run().status('TASK_FINISHED')],
    ['killed by user', () => new NodeDriver().run().send({ type: 'kill' }).status('TASK_KILLED')],
    ['unplaced', () => new NodeDriver().send({ type: 'offer.unplaced', reason: 'no offer with 2 cpus' })],
    ['ports and a message', () => new NodeDriver().send({ type: 'offer.matched', agentId: 'a-1', hostname: 'h', offerId: 'o', ports: [31000, 31002] }).status('TASK_RUNNING', { executorId: 'ex-1' }).send({ type: 'message.send', data: 'aGk=' })],
    ['stale statuses', () => new NodeDriver().run().status('TASK_FAILED').fire('relaunch').run().send({ type: 'task.status', taskId: 'web-0.1', state: 'TASK_KILLED', agentId: 'agent-9', uuid: 'c3RhbGU=' }).send({ type: 'task.status', taskId: 'web-0.1', state: 'TASK_RUNNING' })],
    ['custom options', () => new NodeDriver({ options: { maxFailures: 3, backoffInitialMs: 250, historyLimit: 7 } }).run().status('TASK_LOST')],
    ['gave up', () => { const n = new NodeDriver({ options: { maxFailures: 1 } }); return n.run().status('TASK_FAILED'); }],
    ['full history', () => { const n = new NodeDriver(); for (let i = 0; i < 12; i++) n.run().status('TASK_FAILED').fire('relaunch').drain(); return n; }],
    ['foreign task ids', () => new NodeDriver({ nodeId: 'db.primary' }).run().send({ type: 'task.status', taskId: 'elsewhere', state: 'TASK_RUNNING', uuid: 'eA==' })],
    ['operator events', () => new NodeDriver().run().send({ type: 'relaunch' }).status('TASK_KILLED').send({ type: 'pause' }).send({ type: 'resume' }).offer().send({ type: 'pause' })],
  ];
}
