import { SchedulerClient, TooManyRedirectsError } from '../../../src/transport';
import { ManualClock } from '../../../src/util';
import { schedulerCalls } from '../../../src/wire';
import { ClientRecorder } from './client-recorder';
import { FakeMaster, answer, openStream, sendEvent, subscribedEvent } from './fake-master';

const subscribeCall = schedulerCalls.subscribe({ user: 'svc', name: 'fw' });
const redirectTo = (m: FakeMaster) => ({ location: `//${m.hostPort}/master/api/v1/scheduler` });

describe('307 redirects', () => {
  let a: FakeMaster;
  let b: FakeMaster;
  let c: FakeMaster;
  let client: SchedulerClient;

  beforeEach(async () => {
    [a, b, c] = await Promise.all([FakeMaster.start(), FakeMaster.start(), FakeMaster.start()]);
  });

  afterEach(async () => {
    await client.close();
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('follows a two-hop chain of protocol-relative Locations, keeps scheme and path, and remembers the leader', async () => {
    client = new SchedulerClient({ masters: [a.url], clock: new ManualClock() });
    const recorder = new ClientRecorder(client);
    const subscribing = client.subscribe(subscribeCall);
    answer((await a.next()).res, 307, '', redirectTo(b));
    const atB = await b.next();
    expect(atB.path).toBe('/api/v1/scheduler');
    expect(atB.call?.type).toBe(1);
    answer(atB.res, 307, '', redirectTo(c));
    const atC = await c.next();
    expect(atC.method).toBe('POST');
    expect(atC.headers['mesos-stream-id']).toBeUndefined();
    openStream(atC.res, { streamId: 's-c' });
    sendEvent(atC.res, subscribedEvent());
    await expect(subscribing).resolves.toMatchObject({ url: c.url, streamId: 's-c' });
    expect(client.masterUrl).toBe(c.url);

    // Calls go to the leader the stream is on.
    const sending = client.send(schedulerCalls.reconcile('fw-1'));
    const call = await c.next();
    expect(call.headers['mesos-stream-id']).toBe('s-c');
    answer(call.res, 202);
    await sending;

    // A 307 on a call: the stream is dead; the leader it names is used next time.
    const redirected = client.send(schedulerCalls.revive('fw-1'));
    answer((await c.next()).res, 307, '', redirectTo(b));
    await expect(redirected).rejects.toMatchObject({ code: 'CATAPULT_MESOS_NOT_LEADER', status: 307, callType: 'REVIVE' });
    const { reason, generation } = await recorder.disconnected();
    expect(generation).toBe(1);
    expect(reason).toMatchObject({ kind: 'redirected', leaderUrl: b.url });
    expect(client.streamId).toBeUndefined();
    expect(client.masterUrl).toBe(b.url);

    const resubscribing = client.subscribe(subscribeCall);
    const again = await b.next();
    openStream(again.res, { streamId: 's-b' });
    sendEvent(again.res, subscribedEvent());
    await expect(resubscribing).resolves.toMatchObject({ url: b.url, generation: 2 });
    expect(a.requests).toHaveLength(1);
  });

  it('gives up after the hop limit with a typed, temporary error', async () => {
    client = new SchedulerClient({ masters: [a.url], maxRedirects: 2, clock: new ManualClock() });
    const subscribing = client.subscribe(subscribeCall);
    answer((await a.next()).res, 307, '', redirectTo(b));
    answer((await b.next()).res, 307, '', redirectTo(a));
    answer((await a.next()).res, 307, '', redirectTo(b));
    const err = await subscribing.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooManyRedirectsError);
    expect(err).toMatchObject({ code: 'CATAPULT_MESOS_TOO_MANY_REDIRECTS' });
    expect((err as TooManyRedirectsError).isTemporary()).toBe(true);
    expect(a.requests.length + b.requests.length).toBe(3);
  });

  it('a 307 without Location is a typed error', async () => {
    client = new SchedulerClient({ masters: [a.url], clock: new ManualClock() });
    const subscribing = client.subscribe(subscribeCall);
    answer((await a.next()).res, 307);
    await expect(subscribing).rejects.toMatchObject({ code: 'CATAPULT_MESOS_BAD_REDIRECT' });
  });
});
