/**
 * Rebuilds the runtime from the store after a failover: every app and node
 * actor is recreated from its envelope (migrated if old), deadlines are
 * re-armed, queued commands run again (they are idempotent), and the live
 * tasks are listed for explicit reconciliation. A record that cannot be
 * restored is reported and left out; the others still load.
 */
import { createActor, type AnyActor, type AnyStateMachine } from 'xstate';
import { loadEnvelope, APP_MACHINE_ID, NODE_MACHINE_ID, currentTaskId } from '../../machines';
import type { StateStore, StoredRecord } from '../store';
import { AppHost } from './app-host';
import { NodeRestoreError } from './node-errors';
import { NodeHost, type NodeHostServices } from './node-host';
import type { NodeRuntime } from './node-runtime';

/** A task to reconcile explicitly with the master. */
export interface ReconcileTask {
  readonly taskId: string;
  readonly agentId: string | null;
}

export interface RestoreReport {
  readonly apps: number;
  readonly nodes: number;
  /** Records left out, each with why. */
  readonly failures: NodeRestoreError[];
  /** Every task that may be alive (the node is in a live state and launched it). */
  readonly reconcile: ReconcileTask[];
}

/** Creates an actor from a record, or throws a NodeRestoreError saying why not. */
function actorFrom(record: StoredRecord, machineId: string, machine: AnyStateMachine, what: { appId: string; nodeId?: string }) {
  let envelope;
  try {
    envelope = loadEnvelope(record.data);
  } catch (cause) {
    throw new NodeRestoreError(what, (cause as Error).message, { cause });
  }
  if (envelope.machineId !== machineId) throw new NodeRestoreError(what, `record holds a ${envelope.machineId} snapshot`);
  let actor: AnyActor;
  try {
    actor = createActor(machine, { snapshot: envelope.snapshot } as never);
  } catch (cause) {
    throw new NodeRestoreError(what, 'the snapshot does not fit the machine', { cause });
  }
  const snapshot = actor.getSnapshot() as { status: string; error?: unknown };
  if (snapshot.status === 'error') {
    throw new NodeRestoreError(what, 'the snapshot does not fit the machine', { cause: snapshot.error });
  }
  return { actor, meta: envelope.meta ?? null };
}

export async function restoreAll(runtime: NodeRuntime, store: StateStore, services: NodeHostServices): Promise<RestoreReport> {
  const failures: NodeRestoreError[] = [];
  const restored: NodeHost[] = [];
  let appCount = 0;
  const report = (error: NodeRestoreError) => {
    failures.push(error);
    services.onError(error);
  };
  for (const appId of await store.listApps()) {
    const record = await store.readApp(appId);
    if (!record) continue;
    let app: AppHost;
    try {
      const { actor, meta } = actorFrom(record, APP_MACHINE_ID, runtime.appMachine, { appId });
      app = new AppHost(appId, actor as never, services.clock, services.persister, services.onError, meta);
    } catch (error) {
      report(error as NodeRestoreError);
      continue;
    }
    runtime.apps.set(appId, app);
    await app.start(true);
    appCount++;
    const counts: Record<string, number> = {};
    for (const [nodeId, nodeRecord] of await store.readNodes(appId)) {
      try {
        if (runtime.nodes.has(nodeId)) throw new NodeRestoreError({ appId, nodeId }, 'another app already hosts a node with this id');
        const { actor, meta } = actorFrom(nodeRecord, NODE_MACHINE_ID, runtime.nodeMachine, { appId, nodeId });
        const host = new NodeHost(appId, nodeId, meta, actor as never, services);
        runtime.register(app, host);
        restored.push(host);
        counts[host.state] = (counts[host.state] ?? 0) + 1;
      } catch (error) {
        report(error instanceof NodeRestoreError ? error : new NodeRestoreError({ appId, nodeId }, String(error), { cause: error }));
      }
    }
    app.send({ type: 'nodes.recount', counts });
  }
  const reconcile: ReconcileTask[] = [];
  for (const host of restored) {
    await host.start(true);
    const snapshot = host.snapshot;
    if (snapshot.hasTag('live') && snapshot.context.launched) {
      reconcile.push({ taskId: currentTaskId(snapshot.context), agentId: snapshot.context.agentId });
    }
  }
  return { apps: appCount, nodes: restored.length, failures, reconcile };
}
