/**
 * Scenarios shared by the memory-store unit tests and the ZooKeeper
 * integration tests: the same runtime behaviour over either store.
 */
import { NodeRuntime } from '../../../src/nodes';
import type { StateStore } from '../../../src/store';
import { ManualClock } from '../../../src/util';
import { flushPromises, RecordingExecutor } from './nodes-test-kit';

const MIX = ['pending', 'launching', 'staging', 'running', 'relaunching', 'killed', 'finished', 'unreachable', 'paused', 'killing'] as const;

/** Drives node `i` of an app into the state `MIX[i % MIX.length]`. */
function drive(runtime: NodeRuntime, nodeId: string, target: (typeof MIX)[number]): void {
  const node = runtime.node(nodeId);
  const st = (state: string, uuid = true) =>
    runtime.routeStatus({ taskId: node.taskId, state: state as never, agentId: 'agent-1', uuid: uuid ? Buffer.from(`${node.taskId}/${state}`).toString('base64') : undefined });
  if (target === 'pending') return;
  if (target === 'paused') return node.send({ type: 'pause' });
  node.send({ type: 'offer.matched', agentId: 'agent-1', hostname: 'h1', offerId: `o-${nodeId}` });
  if (target === 'launching') return;
  st('TASK_STAGING');
  if (target === 'staging') return;
  st('TASK_RUNNING');
  if (target === 'running') return;
  if (target === 'relaunching') return void st('TASK_FAILED');
  if (target === 'finished') return void st('TASK_FINISHED');
  if (target === 'unreachable') return void st('TASK_UNREACHABLE');
  node.send({ type: 'kill' });
  if (target === 'killing') return;
  st('TASK_KILLED');
}

/** Creates app `web` with `count` nodes in mixed states; resolves once everything is durable and done. */
export async function populateMixedApp(store: StateStore, count: number, clock = new ManualClock()) {
  const executor = new RecordingExecutor();
  const runtime = new NodeRuntime({ store, executor, clock });
  await runtime.createApp('web');
  const adds = [];
  for (let i = 0; i < count; i++) adds.push(runtime.addNode('web'));
  await Promise.all(adds);
  for (let i = 0; i < count; i++) drive(runtime, `web-${i}`, MIX[i % MIX.length]!);
  for (let i = 0; i < 10; i++) {
    await flushPromises();
    await runtime.settled();
  }
  return { runtime, executor, clock };
}

/** The expected state of node `web-<i>`. */
export const mixedStateOf = (i: number): string => MIX[i % MIX.length]!;

/** Restores into a new runtime and checks that every node re-encodes to the stored bytes. */
export async function restoreAndCompare(store: StateStore, count: number, clock: ManualClock) {
  const stored = await store.readNodes('web');
  const executor = new RecordingExecutor();
  const runtime = new NodeRuntime({ store, executor, clock });
  const report = await runtime.restore();
  const mismatches: string[] = [];
  const wrongStates: string[] = [];
  for (let i = 0; i < count; i++) {
    const nodeId = `web-${i}`;
    const host = runtime.node(nodeId);
    if (Buffer.compare(Buffer.from(host.encode()), stored.get(nodeId)!.data) !== 0) mismatches.push(nodeId);
    if (host.state !== mixedStateOf(i)) wrongStates.push(`${nodeId}:${host.state}`);
  }
  return { runtime, report, executor, mismatches, wrongStates, storedCount: stored.size };
}
