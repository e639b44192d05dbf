import { SchedulerClient } from '../../../src/transport';
import { ManualClock } from '../../../src/util';
import { schedulerCalls } from '../../../src/wire';
import { ClientRecorder } from './client-recorder';
import { FakeMaster, heartbeatEvent, openStream, sendEvent, subscribedEvent, answer } from './fake-master';

const frameworkInfo = { user: 'svc', name: 'fw' };

describe('Mesos-Stream-Id lifecycle', () => {
  let master: FakeMaster;
  let client: SchedulerClient;
  let recorder: ClientRecorder;

  beforeEach(async () => {
    master = await FakeMaster.start();
    client = new SchedulerClient({ masters: [master.url], clock: new ManualClock() });
    recorder = new ClientRecorder(client);
  });

  afterEach(async () => {
    await client.close();
    await master.close();
  });

  it('is captured from the 200, echoed on calls, never sent on SUBSCRIBE, and cleared on disconnect', async () => {
    const subscribing = client.subscribe(schedulerCalls.subscribe(frameworkInfo));
    const sub = await master.next();
    expect(sub.headers['mesos-stream-id']).toBeUndefined();
    expect(sub.headers['content-type']).toBe('application/json');
    expect(sub.headers.accept).toBe('application/json');
    expect(sub.call?.type).toBe(1);
    openStream(sub.res, { streamId: 'stream-1' });
    sendEvent(sub.res, subscribedEvent('fw-1'));
    const info = await subscribing;
    expect(info).toMatchObject({ generation: 1, frameworkId: 'fw-1', streamId: 'stream-1', heartbeatIntervalSeconds: 15, heartbeatTimeoutMs: 75_000 });
    expect(client.streamId).toBe('stream-1');

    const sending = client.send(schedulerCalls.revive('fw-1'));
    const call = await master.next();
    expect(call.headers['mesos-stream-id']).toBe('stream-1');
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.call?.type).toBe(5);
    answer(call.res, 202);
    await expect(sending).resolves.toBeUndefined();

    sub.res.end();
    expect(await recorder.disconnected()).toEqual({ reason: { kind: 'eof' }, generation: 1 });
    expect(client.streamId).toBeUndefined();
    await expect(client.send(schedulerCalls.revive('fw-1'))).rejects.toMatchObject({ code: 'CATAPULT_TRANSPORT_NOT_SUBSCRIBED' });

    const resubscribing = client.subscribe(schedulerCalls.subscribe(frameworkInfo, { frameworkId: 'fw-1' }));
    const resub = await master.next();
    expect(resub.headers['mesos-stream-id']).toBeUndefined();
    expect(resub.call?.framework_id).toEqual({ value: 'fw-1' });
    openStream(resub.res, { streamId: 'stream-2' });
    sendEvent(resub.res, subscribedEvent('fw-1'));
    sendEvent(resub.res, heartbeatEvent);
    await expect(resubscribing).resolves.toMatchObject({ generation: 2, streamId: 'stream-2' });

    const again = client.send(schedulerCalls.suppress('fw-1'));
    const call2 = await master.next();
    expect(call2.headers['mesos-stream-id']).toBe('stream-2');
    answer(call2.res, 202);
    await again;
  });

  it('sends protobuf bodies and asks for protobuf events with the exact media types', async () => {
    await client.close();
    client = new SchedulerClient({ masters: [master.hostPort], requestEncoding: 'protobuf', eventEncoding: 'protobuf', clock: new ManualClock() });
    recorder = new ClientRecorder(client);
    const subscribing = client.subscribe(schedulerCalls.subscribe(frameworkInfo));
    const sub = await master.next();
    expect(sub.headers['content-type']).toBe('application/x-protobuf');
    expect(sub.headers.accept).toBe('application/x-protobuf');
    expect(sub.call?.subscribe?.framework_info).toEqual(frameworkInfo);
    openStream(sub.res, { streamId: 's', encoding: 'protobuf' });
    sendEvent(sub.res, subscribedEvent('fw-p', 15), 'protobuf');
    sendEvent(sub.res, heartbeatEvent, 'protobuf');
    await expect(subscribing).resolves.toMatchObject({ frameworkId: 'fw-p', eventEncoding: 'protobuf' });
    await recorder.eventCount(2);
    expect(recorder.events[1]).toEqual({ event: { type: 8 }, generation: 1 });
  });

  it('rejects send() before any subscription without touching the network', async () => {
    await expect(client.send(schedulerCalls.revive('fw-1'))).rejects.toMatchObject({ code: 'CATAPULT_TRANSPORT_NOT_SUBSCRIBED' });
    expect(master.requests).toHaveLength(0);
  });
});
