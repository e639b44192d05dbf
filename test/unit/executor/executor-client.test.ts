/**
 * ExecutorClient against an in-memory AgentConnection: encodings, framing,
 * and how each way a stream ends is handled. The HTTP behaviour is covered by
 * the integration tests against a fake agent.
 */
import { ExecutorClient, type AgentConnection, type AgentRequest, type AgentStream, type ExecutorEnvironment } from '../../../src/executor';
import { ManualClock, seededRandom } from '../../../src/util';
import { CONTENT_TYPES, decodeExecutorCall, encodeExecutorEvent, encodeRecord, mesos, type Encoding, type ExecutorEvent } from '../../../src/wire';
import { RecordingLogger } from './recording-logger';

const EventType = mesos.v1.executor.Event.Type;

/** A body the test pushes chunks into. */
class PushedBody implements AsyncIterable<Uint8Array> {
  private chunks: Uint8Array[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) yield chunk;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

class MemoryConnection implements AgentConnection {
  readonly url = 'memory://agent/api/v1/executor';
  readonly subscribes: AgentRequest[] = [];
  readonly calls: AgentRequest[] = [];
  readonly bodies: PushedBody[] = [];
  private opened: Array<(body: PushedBody) => void> = [];

  constructor(private readonly encoding: Encoding) {}

  async subscribe(request: AgentRequest): Promise<AgentStream> {
    this.subscribes.push(request);
    const body = new PushedBody();
    this.bodies.push(body);
    for (const resolve of this.opened.splice(0)) resolve(body);
    return { status: 200, contentType: CONTENT_TYPES[this.encoding], body, text: async () => '', close: () => body.end() };
  }

  async call(request: AgentRequest) {
    this.calls.push(request);
    return { status: 202, body: '' };
  }

  async close(): Promise<void> {
    for (const body of this.bodies) body.end();
  }

  /** Resolves with the body of the `n`th subscription (1-based). */
  stream(n: number): Promise<PushedBody> {
    if (this.bodies[n - 1]) return Promise.resolve(this.bodies[n - 1]!);
    return new Promise((resolve) => this.opened.push((body) => (this.bodies[n - 1] ? resolve(this.bodies[n - 1]!) : undefined)));
  }

  /** Pushes events byte by byte: framing must not depend on chunk boundaries. */
  sendBytewise(body: PushedBody, event: ExecutorEvent): void {
    for (const byte of encodeRecord(encodeExecutorEvent(event, this.encoding))) body.push(new Uint8Array([byte]));
  }
}

const environment = (overrides: Partial<ExecutorEnvironment> = {}): ExecutorEnvironment => ({
  frameworkId: 'fw-1',
  executorId: 'exec-1',
  agentUrl: 'memory://agent/api/v1/executor',
  checkpoint: false,
  shutdownGracePeriodMs: 5_000,
  recoveryTimeoutMs: 60_000,
  subscriptionBackoffMaxMs: 1_000,
  ...overrides,
});

const subscribed: ExecutorEvent = {
  type: EventType.SUBSCRIBED,
  subscribed: { executor_info: { executor_id: { value: 'exec-1' } }, framework_info: { user: 'u', name: 'f' }, agent_info: { hostname: 'h' } },
};

describe('ExecutorClient', () => {
  it('speaks protobuf when asked: SUBSCRIBE body, Content-Type and Accept, and events split into single bytes', async () => {
    const connection = new MemoryConnection('protobuf');
    const logger = new RecordingLogger();
    const client = new ExecutorClient({ environment: environment(), connection, encoding: 'protobuf', clock: new ManualClock(), logger });
    const events: ExecutorEvent[] = [];
    const ended = client.start({ onEvent: (e) => events.push(e) });
    const body = await connection.stream(1);
    const request = connection.subscribes[0]!;
    expect(request.contentType).toBe('application/x-protobuf');
    expect(request.accept).toBe('application/x-protobuf');
    expect(decodeExecutorCall(request.body, 'protobuf')).toMatchObject({ type: mesos.v1.executor.Call.Type.SUBSCRIBE, subscribe: {} });

    connection.sendBytewise(body, subscribed);
    connection.sendBytewise(body, { type: EventType.MESSAGE, message: { data: new Uint8Array([7, 0, 7]) } });
    connection.sendBytewise(body, { type: 42 as mesos.v1.executor.Event.Type });
    connection.sendBytewise(body, { type: EventType.HEARTBEAT });
    await logger.event('HEARTBEAT');
    await client.close();
    await expect(ended).resolves.toEqual({ reason: 'closed' });
    expect(events.map((e) => e.type)).toEqual([EventType.SUBSCRIBED, EventType.MESSAGE, 42]);
    expect(events[1]!.message!.data).toEqual(new Uint8Array([7, 0, 7]));
  });

  it('treats an ERROR event as a broken stream: re-subscribes when checkpointing', async () => {
    const connection = new MemoryConnection('json');
    const clock = new ManualClock();
    const logger = new RecordingLogger();
    const client = new ExecutorClient({ environment: environment({ checkpoint: true }), connection, clock, random: seededRandom(2), logger });
    const ended = client.start({ onEvent: () => undefined });
    const first = await connection.stream(1);
    connection.sendBytewise(first, subscribed);
    connection.sendBytewise(first, { type: EventType.ERROR, error: { message: 'Framework failed over' } });
    const retry = await logger.nth('not subscribed to the agent; retrying SUBSCRIBE', 1);
    expect((retry.fields.err as { code: string }).code).toBe('CATAPULT_AGENT_STREAM_BROKEN');
    clock.advance(1_000);
    await connection.stream(2);
    await client.close();
    await expect(ended).resolves.toEqual({ reason: 'closed' });
  });

  it('ends with a typed error when the stream breaks and the framework does not checkpoint', async () => {
    const connection = new MemoryConnection('json');
    const client = new ExecutorClient({ environment: environment(), connection, clock: new ManualClock() });
    const ended = client.start({ onEvent: () => undefined });
    const body = await connection.stream(1);
    connection.sendBytewise(body, subscribed);
    body.push(new TextEncoder().encode('12x'));
    const end = await ended;
    expect(end).toMatchObject({ reason: 'lost', error: { code: 'CATAPULT_EXECUTOR_DISCONNECTED' } });
    const streamError = (end as { error: Error }).error.cause as Error;
    expect(streamError).toMatchObject({ code: 'CATAPULT_AGENT_STREAM_BROKEN' });
    expect(streamError.cause).toMatchObject({ code: 'CATAPULT_RECORDIO_BAD_HEADER' });
    await client.close();
  });

  it('keeps updates made while a SUBSCRIBE is in flight and sends them once SUBSCRIBED arrives', async () => {
    const connection = new MemoryConnection('json');
    const client = new ExecutorClient({ environment: environment(), connection, clock: new ManualClock() });
    const ended = client.start({ onEvent: () => undefined });
    const body = await connection.stream(1);
    client.sendUpdate({
      task_id: { value: 't' },
      state: mesos.v1.TaskState.TASK_RUNNING,
      source: mesos.v1.TaskStatus.Source.SOURCE_EXECUTOR,
      uuid: new Uint8Array(16).fill(0x44),
    });
    expect(connection.calls).toHaveLength(0);
    connection.sendBytewise(body, subscribed);
    while (connection.calls.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(decodeExecutorCall(connection.calls[0]!.body, 'json').type).toBe(mesos.v1.executor.Call.Type.UPDATE);
    expect(client.unacknowledged.updates).toHaveLength(1);
    await client.close();
    await ended;
  });
});
