/**
 * One app: its own root actor (lifecycle, `initialized` flag, node counts),
 * the meta kept beside it in its envelope (e.g. the app's name and class), and
 * the registry of its node hosts. The app actor never holds the nodes; node
 * transitions reach it as O(1) count updates.
 */
import type { Actor } from 'xstate';
import { encodeEnvelope, toEnvelope, APP_MACHINE_ID, APP_MACHINE_VERSION, type AppEvent, type AppMachine } from '../../machines';
import { appKey, type RecordKey } from '../store';
import type { Clock } from '../util/clock';
import { NodePersistError } from './node-errors';
import type { NodeHost } from './node-host';
import type { SnapshotPersister } from './snapshot-persister';

export class AppHost {
  readonly key: RecordKey;
  /** Hosted nodes by id. */
  readonly nodes = new Map<string, NodeHost>();
  private lastSnapshot: unknown;
  private currentMeta: unknown;

  constructor(
    readonly appId: string,
    readonly actor: Actor<AppMachine>,
    private readonly clock: Clock,
    private readonly persister: SnapshotPersister,
    private readonly onError: (error: Error) => void,
    meta: unknown = null,
  ) {
    this.key = appKey(appId);
    this.currentMeta = meta;
  }

  /** What the runtime keeps beside the app's machine (JSON), as given at creation or by {@link updateMeta}. */
  get meta(): unknown {
    return this.currentMeta;
  }

  /** Replaces the app's meta; resolves once the envelope holding it is durable. */
  updateMeta(meta: unknown): Promise<void> {
    this.currentMeta = meta;
    return this.persistNow();
  }

  get snapshot() {
    return this.actor.getSnapshot();
  }

  /** Starts the app actor; a new app resolves once its record is durable. */
  start(restored: boolean): Promise<void> {
    this.actor.start();
    this.actor.subscribe({ next: (s) => void this.persist(s), error: (e) => this.onError(e as Error) });
    this.lastSnapshot = this.actor.getSnapshot();
    return restored ? Promise.resolve() : this.persistNow();
  }

  /** Sends an event, stamping `at` from the clock when it has none. */
  send(event: AppEvent | (Omit<AppEvent, 'at'> & { at?: number })): void {
    this.actor.send({ ...event, at: event.at ?? this.clock.now() } as AppEvent);
  }

  /**
   * Marks the app initialized and resolves once that is durable, with true
   * when the caller should run the `initialized` callback now (exactly once
   * per app, across failovers).
   */
  async initializeOnce(): Promise<boolean> {
    if (this.snapshot.context.initialized) return false;
    this.send({ type: 'app.initialize' });
    await this.persistNow();
    return true;
  }

  encode(): Uint8Array {
    const meta = this.currentMeta === null ? undefined : this.currentMeta;
    return Buffer.from(encodeEnvelope(toEnvelope(APP_MACHINE_ID, APP_MACHINE_VERSION, this.actor.getPersistedSnapshot(), meta)));
  }

  /** Persists the app's current state; resolves once durable. */
  persistNow(): Promise<void> {
    return this.persister.put(`app:${this.appId}`, this.key, () => this.encode());
  }

  stop(): void {
    this.actor.stop();
  }

  private persist(snapshot: unknown): Promise<void> {
    if (snapshot === this.lastSnapshot) return Promise.resolve();
    this.lastSnapshot = snapshot;
    const write =
      this.actor.getSnapshot().status === 'done' ? this.persister.delete(`app:${this.appId}`, this.key) : this.persistNow();
    return write.catch((error: unknown) => this.onError(new NodePersistError({ appId: this.appId }, error)));
  }
}
