import { MesosHttpError, SchedulerClient, basicAuth } from '../../../src/transport';
import { ManualClock } from '../../../src/util';
import { schedulerCalls } from '../../../src/wire';
import { ClientRecorder } from './client-recorder';
import { FakeMaster, answer, openStream, sendEvent, subscribedEvent } from './fake-master';

const subscribeCall = schedulerCalls.subscribe({ user: 'svc', name: 'fw' });

describe('HTTP answers other than success', () => {
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

  async function established(): Promise<void> {
    const subscribing = client.subscribe(subscribeCall);
    const stream = await master.next();
    openStream(stream.res, { streamId: `s-${client.currentGeneration}` });
    sendEvent(stream.res, subscribedEvent('fw-1'));
    await subscribing;
  }

  it('a 400 with a text body → a fatal MesosHttpError carrying the text, status and call type', async () => {
    const subscribing = client.subscribe(subscribeCall);
    answer((await master.next()).res, 400, "Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
    const err = (await subscribing.catch((e: unknown) => e)) as MesosHttpError;
    expect(err).toBeInstanceOf(MesosHttpError);
    expect(err).toMatchObject({ code: 'CATAPULT_MESOS_BAD_REQUEST', status: 400, callType: 'SUBSCRIBE', body: "Failed to validate scheduler::Call: Expecting 'framework_id' to be present" });
    expect(err.message).toContain("Expecting 'framework_id' to be present");
    expect(err.isFatal()).toBe(true);
    expect(recorder.disconnects).toEqual([]);
  });

  it('503 (no leader yet) is temporary; the caller retries and succeeds', async () => {
    const first = client.subscribe(subscribeCall);
    answer((await master.next()).res, 503, 'No leader elected');
    const err = (await first.catch((e: unknown) => e)) as MesosHttpError;
    expect(err).toMatchObject({ code: 'CATAPULT_MESOS_UNAVAILABLE', status: 503 });
    expect(err.isTemporary()).toBe(true);

    const second = client.subscribe(subscribeCall);
    const stream = await master.next();
    openStream(stream.res, { streamId: 's' });
    sendEvent(stream.res, subscribedEvent());
    await expect(second).resolves.toMatchObject({ generation: 2, frameworkId: 'fw-1' });
  });

  it('an unreachable master is temporary and the next attempt goes to the next master', async () => {
    const dead = await FakeMaster.start();
    await dead.close();
    await client.close();
    client = new SchedulerClient({ masters: [dead.url, master.url], clock });
    const first = client.subscribe(subscribeCall);
    const err = await first.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CATAPULT_MESOS_UNREACHABLE' });
    expect(client.masterUrl).toBe(master.url);
    const second = client.subscribe(subscribeCall);
    const stream = await master.next();
    openStream(stream.res, { streamId: 's' });
    sendEvent(stream.res, subscribedEvent());
    await second;
  });

  it('403 "not subscribed" on a call → subscription loss: rejected and disconnected(subscription-lost)', async () => {
    await established();
    const sending = client.send(schedulerCalls.revive('fw-1'));
    answer((await master.next()).res, 403, 'Framework is not subscribed');
    const err = (await sending.catch((e: unknown) => e)) as MesosHttpError;
    expect(err).toMatchObject({ code: 'CATAPULT_MESOS_NOT_SUBSCRIBED', status: 403, callType: 'REVIVE' });
    expect(err.isSubscriptionLoss()).toBe(true);
    expect((await recorder.disconnected()).reason).toMatchObject({ kind: 'subscription-lost', error: { status: 403 } });
  });

  it('a stale-stream 400 answered after re-subscribing does not end the newer stream', async () => {
    await established();
    const stale = client.send(schedulerCalls.revive('fw-1'));
    const staleCall = await master.next();
    expect(staleCall.headers['mesos-stream-id']).toBe('s-1');
    await established();
    answer(staleCall.res, 400, "The stream ID 's-1' included in this request didn't match the stream ID currently associated with framework ID fw-1");
    await expect(stale).rejects.toMatchObject({ code: 'CATAPULT_MESOS_STALE_STREAM' });
    expect(recorder.disconnects).toEqual([]);
    expect(client.streamId).toBe('s-2');
  });

  it('a plain 400 on a call is fatal for that call and leaves the stream alone', async () => {
    await established();
    const sending = client.send(schedulerCalls.kill('fw-1', 'task-1'));
    answer((await master.next()).res, 400, 'Not a valid UUID');
    await expect(sending).rejects.toMatchObject({ code: 'CATAPULT_MESOS_BAD_REQUEST', body: 'Not a valid UUID', callType: 'KILL' });
    expect(recorder.disconnects).toEqual([]);
  });

  it('UPDATE_FRAMEWORK succeeds on 200; other calls need 202', async () => {
    await established();
    const update = client.send(schedulerCalls.updateFramework('fw-1', { user: 'svc', name: 'fw' }));
    answer((await master.next()).res, 200);
    await expect(update).resolves.toBeUndefined();
    const revive = client.send(schedulerCalls.revive('fw-1'));
    answer((await master.next()).res, 200);
    await expect(revive).rejects.toMatchObject({ code: 'CATAPULT_MESOS_UNEXPECTED_STATUS' });
  });

  it('a call without an answer times out on the injected clock', async () => {
    await established();
    const sending = client.send(schedulerCalls.revive('fw-1'));
    await master.next();
    clock.advance(75_000);
    await expect(sending).rejects.toMatchObject({ code: 'CATAPULT_MESOS_CALL_TIMEOUT' });
  });

  it('a call built for another framework is refused before it is sent', async () => {
    await established();
    await expect(client.send(schedulerCalls.revive('fw-other'))).rejects.toMatchObject({ code: 'CATAPULT_TRANSPORT_FRAMEWORK_ID_MISMATCH' });
    await expect(client.send({ type: 5 })).rejects.toMatchObject({ code: 'CATAPULT_TRANSPORT_MISSING_FRAMEWORK_ID' });
    expect(master.requests).toHaveLength(1);
  });

  it('sends the Authorization header on SUBSCRIBE and on calls', async () => {
    await client.close();
    client = new SchedulerClient({ masters: [master.url], clock, authorization: basicAuth('principal', 'secret') });
    await established();
    const expected = `Basic ${Buffer.from('principal:secret').toString('base64')}`;
    expect(master.requests[0]!.headers.authorization).toBe(expected);
    const sending = client.send(schedulerCalls.revive('fw-1'));
    const call = await master.next();
    expect(call.headers.authorization).toBe(expected);
    answer(call.res, 202);
    await sending;
  });
});

describe('SUBSCRIBE framework id rule', () => {
  it('refuses a SUBSCRIBE whose framework_id and framework_info.id differ, before sending it', async () => {
    const client = new SchedulerClient({ masters: ['127.0.0.1:1'], clock: new ManualClock() });
    const call = schedulerCalls.subscribe({ user: 'svc', name: 'fw' }, { frameworkId: 'fw-1' });
    call.subscribe!.framework_info!.id = { value: 'fw-2' };
    await expect(client.subscribe(call)).rejects.toMatchObject({ code: 'CATAPULT_TRANSPORT_FRAMEWORK_ID_MISMATCH' });
    await client.close();
  });
});
