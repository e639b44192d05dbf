/**
 * The framework record (`/<root>/framework`): the FrameworkID Mesos
 * assigned, written as soon as SUBSCRIBED arrives and before anything else,
 * so every later leader re-subscribes as the same framework.
 */
import { frameworkKey, putRecord, type StateStore } from '../../store';
import { CorruptFrameworkRecordError } from './runtime-errors';

/** The framework record's content. */
export interface FrameworkRecord {
  /** The FrameworkID, or null once Mesos removed it. */
  frameworkId: string | null;
  /** The framework name it was registered with. */
  name: string;
  /** When it was written (ms since the epoch). */
  updatedAt: number;
  /** Each app's name and class name (the app record holds only its machine). */
  apps: Record<string, { name: string; typeName: string }>;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Reads the framework record; undefined before the first subscription. */
export async function readFrameworkRecord(store: StateStore): Promise<FrameworkRecord | undefined> {
  const stored = await store.readFramework();
  if (!stored) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(stored.data));
  } catch (cause) {
    throw new CorruptFrameworkRecordError('not JSON', cause);
  }
  const record = value as Partial<FrameworkRecord>;
  if (typeof record !== 'object' || record === null || (record.frameworkId !== null && typeof record.frameworkId !== 'string')) {
    throw new CorruptFrameworkRecordError('no frameworkId');
  }
  return { frameworkId: record.frameworkId, name: String(record.name ?? ''), updatedAt: Number(record.updatedAt ?? 0), apps: { ...record.apps } };
}

/** Writes the framework record; resolves once durable. */
export function writeFrameworkRecord(store: StateStore, record: FrameworkRecord): Promise<void> {
  return store.commit([putRecord(frameworkKey(), encoder.encode(JSON.stringify(record)))]);
}

/** Keeps the framework record of one term: one write at a time, each from the latest content. */
export class FrameworkRecordKeeper {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StateStore,
    private record: FrameworkRecord,
    private readonly now: () => number,
  ) {}

  get current(): Readonly<FrameworkRecord> {
    return this.record;
  }

  /** Applies `change` and persists the record; resolves once durable. */
  update(change: (record: FrameworkRecord) => void): Promise<void> {
    const next: FrameworkRecord = { ...this.record, apps: { ...this.record.apps } };
    change(next);
    next.updatedAt = this.now();
    this.record = next;
    const write = this.chain.then(() => writeFrameworkRecord(this.store, next));
    this.chain = write.catch(() => undefined);
    return write;
  }
}
