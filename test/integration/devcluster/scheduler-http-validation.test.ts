/**
 * The scheduler endpoint answers malformed or misdirected requests as a Mesos
 * 1.11 master does: status code and plain-text reason.
 */
import { mesos } from '../../../proto/gen/mesos';
import { createTestCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, frameworkInfo, isSubscription, post, subscribe, type RawSubscription } from '../../helpers/raw-mesos-client';

jest.setTimeout(30_000);

describe('scheduler endpoint validation', () => {
  let cluster: LocalCluster;
  let fw: RawFramework;
  const SUBSCRIBE = JSON.stringify({ type: 'SUBSCRIBE', subscribe: { framework_info: frameworkInfo('validation') } });

  beforeAll(async () => {
    cluster = await createTestCluster({ simulated: true });
    fw = new RawFramework(cluster.masterUrl, frameworkInfo('validation'));
    await fw.subscribe();
  });
  afterAll(async () => {
    fw?.close();
    await cluster?.stop();
  });

  it('takes POST only, on both spellings of the path', async () => {
    const res = await post(cluster.masterUrl, '', {}, 'GET');
    expect(res.status).toBe(405);
    const prefixed = await post(cluster.masterUrl.replace('/api/v1/scheduler', '/master/api/v1/scheduler'), '{"type":"TEARDOWN"}');
    expect(prefixed.status).toBe(400);
    expect(prefixed.body).toBe("Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
  });

  it('requires an exact Content-Type', async () => {
    const missing = await post(cluster.masterUrl, SUBSCRIBE, { 'Content-Type': '' });
    expect(missing.status).toBe(415);
    const charset = await post(cluster.masterUrl, SUBSCRIBE, { 'Content-Type': 'application/json; charset=utf-8' });
    expect(charset.status).toBe(415);
    expect(charset.body).toContain("Expecting 'Content-Type' of application/json or application/x-protobuf");
  });

  it('answers 400 when Content-Type is absent', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<{ code: number; body: string }>((resolve) => {
      const req = request(cluster.masterUrl, { method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
      });
      req.end(SUBSCRIBE);
    });
    expect(status).toEqual({ code: 400, body: "Expecting 'Content-Type' to be present" });
  });

  it('answers 400 to bodies that are not calls', async () => {
    const res = await post(cluster.masterUrl, '{not json');
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/^Failed to parse body into JSON/);
    const noType = await post(cluster.masterUrl, '{}');
    expect(noType.body).toBe("Failed to validate scheduler::Call: Expecting 'type' to be present");
  });

  it('answers 406 when Accept allows neither JSON nor protobuf', async () => {
    const res = await subscribe(cluster.masterUrl, SUBSCRIBE, { Accept: 'text/html' });
    expect(isSubscription(res)).toBe(false);
    expect(res.status).toBe(406);
    expect((res as { body: string }).body).toBe("Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'");
  });

  it('refuses a SUBSCRIBE that carries Mesos-Stream-Id or mismatched framework ids', async () => {
    const withId = await post(cluster.masterUrl, SUBSCRIBE, { 'Mesos-Stream-Id': 'x' });
    expect(withId.status).toBe(400);
    expect(withId.body).toBe("Subscribe calls should not include the 'Mesos-Stream-Id' header");
    const mismatch = await post(cluster.masterUrl, JSON.stringify({ type: 'SUBSCRIBE', framework_id: { value: 'a' }, subscribe: { framework_info: frameworkInfo('x') } }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toBe("Failed to validate scheduler::Call: 'framework_id' differs from 'subscribe.framework_info.id'");
  });

  it('checks Mesos-Stream-Id on every other call', async () => {
    const body = JSON.stringify({ type: 'REVIVE', framework_id: { value: fw.frameworkId } });
    const missing = await post(cluster.masterUrl, body);
    expect(missing.status).toBe(400);
    expect(missing.body).toBe("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
    const wrong = await post(cluster.masterUrl, body, { 'Mesos-Stream-Id': 'not-the-stream' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toBe(`The stream ID 'not-the-stream' included in this request didn't match the stream ID currently associated with framework ID ${fw.frameworkId}`);
    expect((await fw.call('REVIVE')).status).toBe(202);
  });

  it('answers unknown frameworks, bad uuids and UNKNOWN calls', async () => {
    const unknown = await post(cluster.masterUrl, JSON.stringify({ type: 'REVIVE', framework_id: { value: 'nope' } }), { 'Mesos-Stream-Id': fw.sub.streamId });
    expect(unknown).toMatchObject({ status: 400, body: 'Framework cannot be found' });
    const ack = await fw.call('ACKNOWLEDGE', { acknowledge: { agent_id: { value: 'a' }, task_id: { value: 't' }, uuid: Buffer.from('not-a-uuid').toString('base64') } });
    expect(ack).toMatchObject({ status: 400, body: 'Failed to validate scheduler::Call: Not a valid UUID' });
    expect((await fw.call('KILL')).body).toBe("Failed to validate scheduler::Call: Expecting 'kill' to be present");
    expect((await fw.call('UNKNOWN')).status).toBe(501);
  });

  it('answers 503 while a fault asks for it, then recovers', async () => {
    cluster.faults.failNextCalls(1, 'REVIVE');
    const failed = await fw.call('REVIVE');
    expect(failed.status).toBe(503);
    expect(failed.body).toMatch(/unavailable/);
    expect((await fw.call('REVIVE')).status).toBe(202);
  });

  it('streams protobuf when only protobuf is acceptable, JSON when both are', async () => {
    const proto = (await subscribe(cluster.masterUrl, SUBSCRIBE, { Accept: 'application/x-protobuf' })) as RawSubscription;
    expect(proto.headers['content-type']).toBe('application/x-protobuf');
    await proto.waitFor(() => true);
    const event = mesos.v1.scheduler.Event.decode(proto.records[0]!);
    expect(event.type).toBe(mesos.v1.scheduler.Event.Type.SUBSCRIBED);
    expect(event.subscribed?.heartbeat_interval_seconds).toBe(1);
    await proto.waitFor(() => true, 1);
    expect(mesos.v1.scheduler.Event.decode(proto.records[1]!).type).toBe(mesos.v1.scheduler.Event.Type.HEARTBEAT);
    proto.close();
    const both = (await subscribe(cluster.masterUrl, SUBSCRIBE, { Accept: 'application/x-protobuf, application/json;q=0.5' })) as RawSubscription;
    expect(both.headers['content-type']).toBe('application/json');
    expect(both.headers['mesos-stream-id']).toMatch(/^[0-9a-f-]{36}$/);
    both.close();
  });
});
