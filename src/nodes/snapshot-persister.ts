/**
 * Writes envelopes through the state store, keeping at most one write in
 * flight and one pending per record: many transitions of one record between
 * two writes cost one write, encoded from the latest snapshot. This is what
 * keeps the app record (whose counts change with every node transition) cheap.
 */
import type { RecordKey, StateStore } from '../store';
import { putRecord, deleteRecord } from '../store';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface Entry {
  readonly id: string;
  readonly key: RecordKey;
  encode: (() => Uint8Array) | 'delete';
  waiters: Waiter[];
  dirty: boolean;
  inFlight: boolean;
}

export class SnapshotPersister {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private flushQueued = false;
  private writesStarted = 0;
  private idle: Array<() => void> = [];

  constructor(private readonly store: StateStore) {}

  /** Writes started so far (one per record per flush, however many transitions it coalesced). */
  get writes(): number {
    return this.writesStarted;
  }

  /**
   * Schedules a write of `id`'s record; the promise resolves once a write
   * encoded after this call is durable (so it contains the caller's state).
   */
  put(id: string, key: RecordKey, encode: () => Uint8Array): Promise<void> {
    return this.schedule(id, key, encode);
  }

  /** Schedules the deletion of `id`'s record, after any write of it. */
  delete(id: string, key: RecordKey): Promise<void> {
    return this.schedule(id, key, 'delete');
  }

  /** Resolves when nothing is pending or in flight. */
  settled(): Promise<void> {
    if (this.entries.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(id: string, key: RecordKey, encode: (() => Uint8Array) | 'delete'): Promise<void> {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { id, key, encode, waiters: [], dirty: false, inFlight: false };
      this.entries.set(id, entry);
    }
    entry.encode = encode;
    const done = new Promise<void>((resolve, reject) => entry.waiters.push({ resolve, reject }));
    if (!entry.dirty) {
      entry.dirty = true;
      if (!entry.inFlight) this.enqueue(entry);
    }
    return done;
  }

  private enqueue(entry: Entry): void {
    this.queue.push(entry);
    if (this.flushQueued) return;
    this.flushQueued = true;
    // Transitions made in the same tick (a burst of statuses, a restore) share one flush.
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    const batch = this.queue.splice(0);
    for (const entry of batch) this.write(entry);
  }

  private write(entry: Entry): void {
    entry.dirty = false;
    entry.inFlight = true;
    const waiters = entry.waiters;
    entry.waiters = [];
    this.writesStarted++;
    let commit: Promise<void>;
    try {
      const write = entry.encode === 'delete' ? deleteRecord(entry.key) : putRecord(entry.key, entry.encode());
      commit = this.store.commit([write]);
    } catch (error) {
      commit = Promise.reject(error);
    }
    commit.then(
      () => this.finish(entry, waiters, undefined),
      (error: unknown) => this.finish(entry, waiters, error ?? new Error('commit failed')),
    );
  }

  private finish(entry: Entry, waiters: Waiter[], error: unknown): void {
    entry.inFlight = false;
    for (const w of waiters) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
    if (entry.dirty) this.enqueue(entry);
    else {
      this.entries.delete(entry.id);
      if (this.entries.size === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}
