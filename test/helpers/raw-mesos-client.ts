/**
 * A raw Mesos v1 scheduler client for devcluster tests: plain node:http, its
 * own RecordIO framing, hand-built JSON. It depends on nothing in `src/`, so
 * what it sees is what any third-party client would see on the wire.
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A JSON event as the master sent it (or the raw bytes of a protobuf one). */
export type RawEvent = { type?: string; [key: string]: any };

/** Splits a byte stream into RecordIO records. */
export class RecordIOParser {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const records: Buffer[] = [];
    for (;;) {
      const lf = this.buffer.indexOf(0x0a);
      if (lf < 0) break;
      const header = this.buffer.subarray(0, lf).toString('ascii');
      if (!/^\d+$/.test(header)) throw new Error(`bad RecordIO header ${JSON.stringify(header)}`);
      const length = Number(header);
      if (this.buffer.length < lf + 1 + length) break;
      records.push(Buffer.from(this.buffer.subarray(lf + 1, lf + 1 + length)));
      this.buffer = this.buffer.subarray(lf + 1 + length);
    }
    return records;
  }
}

/** POSTs a body and reads the whole answer. */
export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Waiter {
  predicate: (e: RawEvent) => boolean;
  from: number;
  resolve: (e: RawEvent) => void;
}

/** An open SUBSCRIBE stream. */
export class RawSubscription {
  readonly events: RawEvent[] = [];
  readonly records: Buffer[] = [];
  ended = false;
  private waiters: Waiter[] = [];
  private listeners: Array<(e: RawEvent) => void> = [];
  private endWaiters: Array<() => void> = [];
  private destroyFn: () => void = () => undefined;

  constructor(readonly status: number, readonly headers: IncomingHttpHeaders, private readonly json: boolean) {}

  get streamId(): string {
    return String(this.headers['mesos-stream-id']);
  }

  /** Index to pass as `from` to wait only for later events. */
  mark(): number {
    return this.events.length;
  }

  /** Resolves with the first event (at or after `from`) matching, waiting for it if needed. */
  waitFor(predicate: (e: RawEvent) => boolean, from = 0, timeoutMs = 15_000): Promise<RawEvent> {
    const found = this.events.slice(from).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${this.events.map((e) => e.type).join(',')}`)), timeoutMs);
      this.waiters.push({ predicate, from, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  /** Resolves when the master ends (or cuts) the stream. */
  whenEnded(timeoutMs = 15_000): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('stream did not end')), timeoutMs);
      this.endWaiters.push(() => (clearTimeout(timer), resolve()));
    });
  }

  /** Calls `listener` with every event that arrives from now on. */
  onEvent(listener: (e: RawEvent) => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    this.destroyFn();
  }

  /** @internal */
  attach(destroy: () => void): void {
    this.destroyFn = destroy;
  }

  /** @internal */
  record(bytes: Buffer): void {
    this.records.push(bytes);
    const event: RawEvent = this.json ? JSON.parse(bytes.toString('utf8')) : { type: 'PROTOBUF', bytes };
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    const index = this.events.length - 1;
    this.waiters = this.waiters.filter((w) => {
      if (index < w.from || !w.predicate(event)) return true;
      w.resolve(event);
      return false;
    });
  }

  /** @internal */
  end(): void {
    this.ended = true;
    for (const w of this.endWaiters.splice(0)) w();
  }
}

/** Opens a SUBSCRIBE. Non-200 answers resolve as a RawResponse. */
export function subscribe(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<RawSubscription | RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        return;
      }
      const sub = new RawSubscription(200, res.headers, String(res.headers['content-type']) === 'application/json');
      const parser = new RecordIOParser();
      sub.attach(() => req.destroy());
      res.on('data', (chunk: Buffer) => parser.push(chunk).forEach((r) => sub.record(r)));
      res.on('end', () => sub.end());
      res.on('close', () => sub.end());
      res.on('error', () => sub.end());
      resolve(sub);
    });
    req.on('error', (err) => reject(err));
    req.end(body);
  });
}

export function isSubscription(x: RawSubscription | RawResponse): x is RawSubscription {
  return x instanceof RawSubscription;
}

/** A framework speaking JSON: subscribe, then calls with the stream id. */
export class RawFramework {
  sub!: RawSubscription;
  frameworkId = '';

  constructor(readonly url: string, readonly frameworkInfo: Record<string, unknown>) {}

  async subscribe(extra: Record<string, unknown> = {}): Promise<RawSubscription> {
    const info = this.frameworkId ? { ...this.frameworkInfo, id: { value: this.frameworkId } } : this.frameworkInfo;
    const call = { type: 'SUBSCRIBE', ...(this.frameworkId ? { framework_id: { value: this.frameworkId } } : {}), subscribe: { framework_info: info, ...extra } };
    const result = await subscribe(this.url, JSON.stringify(call));
    if (!isSubscription(result)) throw new Error(`SUBSCRIBE answered ${result.status}: ${result.body}`);
    this.sub = result;
    const first = await result.waitFor(() => true);
    if (first.type === 'SUBSCRIBED') this.frameworkId = first.subscribed.framework_id.value;
    return result;
  }

  call(type: string, payload: Record<string, unknown> = {}): Promise<RawResponse> {
    const body = JSON.stringify({ type, framework_id: { value: this.frameworkId }, ...payload });
    return post(this.url, body, { 'Mesos-Stream-Id': this.sub.streamId });
  }

  /** Waits for an UPDATE of `taskId` in `state` (after `from`). */
  update(taskId: string, state: string, from = 0): Promise<RawEvent> {
    return this.sub.waitFor((e) => e.type === 'UPDATE' && e.update.status.task_id.value === taskId && e.update.status.state === state, from);
  }

  offers(from = 0): Promise<RawEvent> {
    return this.sub.waitFor((e) => e.type === 'OFFERS', from);
  }

  acknowledge(status: any): Promise<RawResponse> {
    return this.call('ACKNOWLEDGE', { acknowledge: { agent_id: status.agent_id, task_id: status.task_id, uuid: status.uuid } });
  }

  close(): void {
    this.sub?.close();
  }
}

/** Resources from an offer, scaled down to what a small task needs (allocation info kept). */
export function smallTaskResources(offer: any, cpus = 0.1, mem = 32): any[] {
  return offer.resources
    .filter((r: any) => r.name === 'cpus' || r.name === 'mem')
    .map((r: any) => ({ ...r, scalar: { value: r.name === 'cpus' ? cpus : mem } }));
}

/** Resolves once `condition()` holds, checking on every turn of the event loop (bounded by `timeoutMs`). */
export function eventually(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (condition()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('condition not met in time'));
      setImmediate(check);
    };
    check();
  });
}

/** A FrameworkInfo for tests; `partitionAware` adds PARTITION_AWARE. */
export function frameworkInfo(name: string, options: { partitionAware?: boolean; failoverTimeoutSeconds?: number; role?: string } = {}): Record<string, unknown> {
  const capabilities = [{ type: 'MULTI_ROLE' }, ...(options.partitionAware ? [{ type: 'PARTITION_AWARE' }] : [])];
  return { user: 'nobody', name, roles: [options.role ?? 'test'], capabilities, failover_timeout: options.failoverTimeoutSeconds ?? 60 };
}

/** Launches one small task on the first offer that arrives after `from`; returns the offer used. */
export async function launchOnNextOffer(fw: RawFramework, taskId: string, from = 0, extra: Record<string, unknown> = {}): Promise<any> {
  const offer = (await fw.offers(from)).offers.offers[0];
  const task = { name: taskId, task_id: { value: taskId }, agent_id: offer.agent_id, resources: smallTaskResources(offer), command: { value: 'sleep 30' }, ...extra };
  const res = await fw.call('ACCEPT', { accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [task] } }], filters: { refuse_seconds: 0 } } });
  if (res.status !== 202) throw new Error(`ACCEPT answered ${res.status}: ${res.body}`);
  return offer;
}

/** Acknowledges every update with a uuid, those already received and each as it arrives (as a well-behaved scheduler does). */
export function autoAcknowledge(fw: RawFramework): void {
  const sub = fw.sub;
  const ack = (e: RawEvent) => {
    if (e.type === 'UPDATE' && e.update.status.uuid && fw.sub === sub) void fw.acknowledge(e.update.status).catch(() => undefined);
  };
  sub.events.forEach(ack);
  sub.onEvent(ack);
}
