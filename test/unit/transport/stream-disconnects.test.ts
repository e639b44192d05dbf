import { SchedulerClient, type SubscriptionInfo } from '../../../src/transport';
import { ManualClock } from '../../../src/util';
import { schedulerCalls } from '../../../src/wire';
import { ClientRecorder } from './client-recorder';
import { FakeMaster, errorEvent, heartbeatEvent, openStream, record, sendEvent, subscribedEvent, type FakeRequest, OFFERS } from './fake-master';

const subscribeCall = schedulerCalls.subscribe({ user: 'svc', name: 'fw' });

describe('the subscription stream ends with exactly one typed disconnect', () => {
  let master: FakeMaster;
  let clock: ManualClock;
  let client: SchedulerClient;
  let recorder: ClientRecorder;

  beforeEach(async () => {
    master = await FakeMaster.start();
    clock = new ManualClock();
    client = new SchedulerClient({ masters: [master.url], clock });
    recorder = new ClientRecorder(client);
  });

  afterEach(async () => {
    await client.close();
    await master.close();
  });

  /** Subscribes and answers with a stream and SUBSCRIBED; returns the open stream request. */
  async function established(heartbeatIntervalSeconds = 15): Promise<{ stream: FakeRequest; info: SubscriptionInfo }> {
    const subscribing = client.subscribe(subscribeCall);
    const stream = await master.next();
    openStream(stream.res, { streamId: `stream-${client.currentGeneration}` });
    sendEvent(stream.res, subscribedEvent('fw-1', heartbeatIntervalSeconds));
    return { stream, info: await subscribing };
  }

  it('an ERROR event → disconnected(error) carrying its message; ERROR is not delivered as an event', async () => {
    const { stream } = await established();
    sendEvent(stream.res, errorEvent('Framework failed over'));
    const { reason, generation } = await recorder.disconnected();
    expect(generation).toBe(1);
    expect(reason).toEqual({ kind: 'error', message: 'Framework failed over', errorKind: 'failed-over' });
    expect(recorder.events.map((e) => e.event.type)).toEqual([1]);
    expect(client.streamId).toBeUndefined();
  });

  it('"Framework has been removed" is told apart from a failover', async () => {
    const { stream } = await established();
    sendEvent(stream.res, errorEvent('Framework has been removed'));
    expect((await recorder.disconnected()).reason).toMatchObject({ kind: 'error', errorKind: 'framework-removed' });
  });

  it('a stream cut in the middle of a record → disconnected(truncated), not a crash', async () => {
    const { stream } = await established();
    const bytes = record({ type: OFFERS, offers: { offers: [] } });
    stream.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => stream.res.socket?.destroy());
    expect((await recorder.disconnected()).reason.kind).toBe('truncated');
    expect(recorder.disconnects).toHaveLength(1);
  });

  it('a stream ended cleanly inside a length header → disconnected(truncated)', async () => {
    const { stream } = await established();
    stream.res.end('12');
    expect((await recorder.disconnected()).reason).toEqual({ kind: 'truncated' });
  });

  it('a clean end between records → disconnected(eof)', async () => {
    const { stream } = await established();
    sendEvent(stream.res, heartbeatEvent);
    stream.res.end();
    expect((await recorder.disconnected()).reason).toEqual({ kind: 'eof' });
    expect(recorder.events.map((e) => e.event.type)).toEqual([1, 8]);
  });

  it('a connection reset between records → disconnected(socket)', async () => {
    const { stream } = await established();
    stream.res.socket?.destroy();
    const { reason } = await recorder.disconnected();
    expect(reason.kind).toBe('socket');
  });

  it('bytes that are not RecordIO → disconnected(decode)', async () => {
    const { stream } = await established();
    stream.res.write('{"type":"HEARTBEAT"}\n');
    const { reason } = await recorder.disconnected();
    expect(reason).toMatchObject({ kind: 'decode', error: { code: 'CATAPULT_RECORDIO_BAD_HEADER' } });
  });

  it('a record that is not an Event → disconnected(decode)', async () => {
    const { stream } = await established();
    stream.res.write('5\nnope!');
    expect((await recorder.disconnected()).reason).toMatchObject({ kind: 'decode', error: { code: 'CATAPULT_WIRE_DECODE_FAILED' } });
  });

  it('records split across arbitrary chunks are reassembled', async () => {
    const { stream } = await established();
    const bytes = Buffer.concat([record(heartbeatEvent), record({ type: OFFERS, offers: { offers: [] } }), record(heartbeatEvent)]);
    for (let i = 0; i < bytes.length; i += 3) stream.res.write(bytes.subarray(i, i + 3));
    await recorder.eventCount(4);
    expect(recorder.events.map((e) => e.event.type)).toEqual([1, 8, 2, 8]);
  });

  it('lost heartbeats → disconnected(heartbeat) after 5 × the interval; any event resets the watchdog', async () => {
    const { stream, info } = await established(10);
    expect(info.heartbeatTimeoutMs).toBe(50_000);
    clock.advance(49_000);
    sendEvent(stream.res, heartbeatEvent);
    await recorder.eventCount(2);
    clock.advance(49_000);
    expect(recorder.disconnects).toHaveLength(0);
    clock.advance(1_000);
    expect(recorder.disconnects).toEqual([{ reason: { kind: 'heartbeat', silentMs: 50_000, timeoutMs: 50_000 }, generation: 1 }]);
    expect(client.streamId).toBeUndefined();
    // The master may still write, but nothing more reaches the owner.
    sendEvent(stream.res, heartbeatEvent);
    stream.res.end();
    await expect(client.send(schedulerCalls.revive('fw-1'))).rejects.toMatchObject({ code: 'CATAPULT_TRANSPORT_NOT_SUBSCRIBED' });
    expect(recorder.events).toHaveLength(2);
    expect(recorder.disconnects).toHaveLength(1);
  });

  it('the heartbeat limit is configurable', async () => {
    await client.close();
    client = new SchedulerClient({ masters: [master.url], clock, missedHeartbeats: 2 });
    recorder = new ClientRecorder(client);
    const { info } = await established(15);
    expect(info.heartbeatTimeoutMs).toBe(30_000);
    clock.advance(30_000);
    expect((await recorder.disconnected()).reason.kind).toBe('heartbeat');
  });

  it('events and the disconnect of an older generation are dropped after re-subscribing', async () => {
    const first = await established();
    const second = client.subscribe(schedulerCalls.subscribe({ user: 'svc', name: 'fw' }, { frameworkId: 'fw-1' }));
    const newStream = await master.next();
    // The old stream keeps talking: buffered events, then the master's failover ERROR.
    sendEvent(first.stream.res, heartbeatEvent);
    sendEvent(first.stream.res, errorEvent('Framework failed over'));
    first.stream.res.end();
    openStream(newStream.res, { streamId: 'stream-2' });
    sendEvent(newStream.res, subscribedEvent('fw-1'));
    sendEvent(newStream.res, heartbeatEvent);
    await expect(second).resolves.toMatchObject({ generation: 2, streamId: 'stream-2' });
    await recorder.eventCount(3);
    expect(recorder.events.map((e) => [e.event.type, e.generation])).toEqual([
      [1, 1],
      [1, 2],
      [8, 2],
    ]);
    expect(recorder.disconnects).toEqual([]);
    expect(client.streamId).toBe('stream-2');
  });

  it('an ERROR answer to SUBSCRIBE rejects subscribe() and emits no disconnect', async () => {
    const subscribing = client.subscribe(subscribeCall);
    const stream = await master.next();
    openStream(stream.res, { streamId: 's' });
    sendEvent(stream.res, errorEvent('Framework has been removed'));
    stream.res.end();
    await expect(subscribing).rejects.toMatchObject({ code: 'CATAPULT_MESOS_SUBSCRIBE_REJECTED', errorKind: 'framework-removed', mesosMessage: 'Framework has been removed' });
    expect(recorder.disconnects).toEqual([]);
  });

  it('a stream that ends before SUBSCRIBED rejects subscribe() with a temporary error', async () => {
    const subscribing = client.subscribe(subscribeCall);
    const stream = await master.next();
    openStream(stream.res, { streamId: 's' });
    stream.res.end();
    const err = await subscribing.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CATAPULT_MESOS_SUBSCRIBE_STREAM_ENDED' });
    expect((err as { isTemporary(): boolean }).isTemporary()).toBe(true);
  });

  it('no SUBSCRIBED within subscribeTimeoutMs rejects subscribe()', async () => {
    const subscribing = client.subscribe(subscribeCall);
    const stream = await master.next();
    openStream(stream.res, { streamId: 's' });
    clock.advance(30_000);
    await expect(subscribing).rejects.toMatchObject({ code: 'CATAPULT_MESOS_SUBSCRIBE_TIMEOUT' });
  });

  it('disconnect() ends the stream with one disconnected(requested)', async () => {
    await established();
    client.disconnect('leader changed');
    client.disconnect('again');
    expect(recorder.disconnects).toEqual([{ reason: { kind: 'requested', note: 'leader changed' }, generation: 1 }]);
  });
});
