/**
 * Pure JSON migrations of persisted snapshots, one function per version step
 * (vN → vN+1) per machine. A migration receives the persisted snapshot (as
 * parsed JSON) and returns the next version's; it must not mutate its input.
 * Add one whenever a machine's version is bumped.
 *
 * Migrations never see the envelope's encoding: `loadEnvelope` first turns a
 * format 1 record (JSON object) or a format 2 record (compact tuple, see
 * `persistence/compact-envelope.ts`) into the persisted snapshot of the
 * version it was written at, then runs these steps. A compact body codec is
 * bound to one machine version (codec 1 = node v2), so when the node machine
 * moves to v3, keep codec 1 for reading old records and add a codec for v3
 * (or let v3 fall back to the generic codec 0).
 */
import { APP_MACHINE_ID, APP_MACHINE_VERSION } from './app/app-machine';
import { FRAMEWORK_MACHINE_ID, FRAMEWORK_MACHINE_VERSION } from './framework/framework-machine';
import { NODE_MACHINE_ID, NODE_MACHINE_VERSION } from './node/node-machine';

/** A persisted xstate snapshot, as JSON. */
export type PersistedSnapshotJson = Record<string, unknown> & { context?: Record<string, unknown> };

/** Turns a version-N snapshot into a version-N+1 snapshot. */
export type SnapshotMigration = (snapshot: PersistedSnapshotJson) => PersistedSnapshotJson;

/** Every machine's current version and the migrations that lead to it (keyed by the version they read). */
export interface MachineRegistry {
  [machineId: string]: { version: number; migrations: Record<number, SnapshotMigration> };
}

/** node v1 → v2: the failure counter `failureCount` is now `failures`. */
const nodeV1toV2: SnapshotMigration = (snapshot) => {
  const { failureCount, ...context } = snapshot.context ?? {};
  return { ...snapshot, context: { ...context, failures: typeof failureCount === 'number' ? failureCount : 0 } };
};

/** The machines this build knows, with their migrations. */
export const MACHINE_REGISTRY: Readonly<MachineRegistry> = Object.freeze({
  [NODE_MACHINE_ID]: { version: NODE_MACHINE_VERSION, migrations: { 1: nodeV1toV2 } },
  [APP_MACHINE_ID]: { version: APP_MACHINE_VERSION, migrations: {} },
  [FRAMEWORK_MACHINE_ID]: { version: FRAMEWORK_MACHINE_VERSION, migrations: {} },
});
