/**
 * The peer proof: a scheduler written here from scratch — raw node:http, its
 * own RecordIO parsing, hand-built JSON — runs a command task on the local
 * cluster. Nothing from src/ is used but createLocalCluster, so the cluster
 * is shown to speak the v1 API to any client, not only to ours.
 */
import { request } from 'node:http';
import { createLocalCluster, type LocalCluster } from '../../../src/devcluster';

type Json = any;

function call(url: string, body: Json, streamId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Mesos-Stream-Id': streamId } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Subscribes and calls `onEvent` for every JSON event; resolves with the stream id and a closer. */
function subscribe(url: string, body: Json, onEvent: (e: Json) => void): Promise<{ streamId: string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', Accept: 'application/json' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SUBSCRIBE answered ${res.statusCode}`));
      let pending = Buffer.alloc(0);
      res.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        for (;;) {
          const lf = pending.indexOf(0x0a);
          if (lf < 0) return;
          const length = Number(pending.subarray(0, lf).toString('ascii'));
          if (pending.length < lf + 1 + length) return;
          onEvent(JSON.parse(pending.subarray(lf + 1, lf + 1 + length).toString('utf8')));
          pending = pending.subarray(lf + 1 + length);
        }
      });
      resolve({ streamId: String(res.headers['mesos-stream-id']), close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

jest.setTimeout(30_000);

describe('a scheduler written from scratch runs a task on the local cluster', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await createLocalCluster({ agents: 1, heartbeatIntervalMs: 500, allocationIntervalMs: 50 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('subscribes, launches `echo hi`, sees RUNNING and FINISHED and acknowledges them', async () => {
    const url = cluster.masterUrl;
    let frameworkId = '';
    let streamId = '';
    const acks: number[] = [];
    const ack = (status: Json) =>
      call(url, { type: 'ACKNOWLEDGE', framework_id: { value: frameworkId }, acknowledge: { agent_id: status.agent_id, task_id: status.task_id, uuid: status.uuid } }, streamId);
    const seen: Json[] = [];
    const waiters: Array<{ match: (e: Json) => boolean; resolve: (e: Json) => void }> = [];
    const next = (match: (e: Json) => boolean) =>
      new Promise<Json>((resolve) => {
        const found = seen.find(match);
        if (found) resolve(found);
        else waiters.push({ match, resolve });
      });
    const { streamId: id, close } = await subscribe(
      url,
      { type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'nobody', name: 'peer-proof', roles: ['peer'], capabilities: [{ type: 'MULTI_ROLE' }], failover_timeout: 60 } } },
      (e) => {
        seen.push(e);
        for (const w of waiters.splice(0)) (w.match(e) ? w.resolve(e) : waiters.push(w));
        // Every update that carries a uuid is acknowledged, or the agent holds back the next one.
        if (e.type === 'UPDATE' && e.update.status.uuid) void ack(e.update.status).then((code) => acks.push(code));
      },
    );

    streamId = id;
    const subscribed = await next((e) => e.type === 'SUBSCRIBED');
    frameworkId = subscribed.subscribed.framework_id.value;
    expect(subscribed.subscribed.heartbeat_interval_seconds).toBe(0.5);
    await next((e) => e.type === 'HEARTBEAT');

    const offer = (await next((e) => e.type === 'OFFERS')).offers.offers[0];
    expect(offer.allocation_info).toEqual({ role: 'peer' });
    const resources = offer.resources
      .filter((r: Json) => r.name === 'cpus' || r.name === 'mem')
      .map((r: Json) => ({ ...r, scalar: { value: r.name === 'cpus' ? 0.1 : 32 } }));
    const task = { name: 'hi', task_id: { value: 'hi-1' }, agent_id: offer.agent_id, resources, command: { value: 'echo hi' } };
    const accepted = await call(
      url,
      { type: 'ACCEPT', framework_id: { value: frameworkId }, accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [task] } }], filters: { refuse_seconds: 1 } } },
      streamId,
    );
    expect(accepted).toBe(202);

    const isUpdate = (state: string) => (e: Json) => e.type === 'UPDATE' && e.update.status.task_id.value === 'hi-1' && e.update.status.state === state;
    const running = (await next(isUpdate('TASK_RUNNING'))).update.status;
    expect(typeof running.uuid).toBe('string');
    const finished = (await next(isUpdate('TASK_FINISHED'))).update.status;
    expect(finished.agent_id).toEqual(offer.agent_id);
    expect(typeof finished.uuid).toBe('string');
    const updates = seen.filter((e) => e.type === 'UPDATE').length;
    await new Promise<void>((resolve) => {
      const check = () => (acks.length >= updates ? resolve() : setImmediate(check));
      check();
    });
    expect(acks.every((code) => code === 202)).toBe(true);
    close();
  });
});
