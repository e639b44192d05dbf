/**
 * Simulated-task mode at scale, end to end: a raw scheduler launches 10,000
 * tasks in one ACCEPT on `createLocalCluster({ simulated: true })` and
 * acknowledges every update (STARTING must be acknowledged before RUNNING is
 * forwarded); all reach TASK_RUNNING within a generous bound.
 */
import { Agent, request } from 'node:http';
import { createLocalCluster, type LocalCluster } from '../../../src/devcluster';
import { RawFramework, frameworkInfo, post, type RawEvent } from '../../helpers/raw-mesos-client';

jest.setTimeout(60_000);

const TASKS = 10_000;

/** Acknowledges updates as they arrive, at most `parallel` requests at a time on kept-alive connections. */
function acknowledgeAll(fw: RawFramework, parallel = 64): { close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: parallel });
  const queue: any[] = [];
  let active = 0;
  let closed = false;
  const pump = () => {
    while (!closed && active < parallel && queue.length > 0) {
      const status = queue.shift();
      active += 1;
      const body = JSON.stringify({ type: 'ACKNOWLEDGE', framework_id: { value: fw.frameworkId }, acknowledge: { agent_id: status.agent_id, task_id: status.task_id, uuid: status.uuid } });
      void postWith(agent, fw, body).finally(() => {
        active -= 1;
        pump();
      });
    }
  };
  fw.sub.onEvent((e: RawEvent) => {
    if (e.type !== 'UPDATE' || !e.update.status.uuid) return;
    queue.push(e.update.status);
    pump();
  });
  return {
    close: () => {
      closed = true;
      agent.destroy();
    },
  };
}

function postWith(agent: Agent, fw: RawFramework, body: string): Promise<unknown> {
  return new Promise((resolve) => {
    const req = request(fw.url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Mesos-Stream-Id': fw.sub.streamId } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', resolve);
    req.end(body);
  });
}

describe('simulated tasks through the master', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await createLocalCluster({ simulated: true, resources: 'cpus:1000;mem:1000000;disk:1000', heartbeatIntervalMs: 1_000, allocationIntervalMs: 50 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it(`runs ${TASKS.toLocaleString('en')} tasks launched by a raw client to TASK_RUNNING`, async () => {
    const fw = new RawFramework(cluster.masterUrl, frameworkInfo('scale'));
    await fw.subscribe();
    const acks = acknowledgeAll(fw);
    try {
      const offer = (await fw.offers()).offers.offers[0];
      const resources = (cpus: number, mem: number) => [
        { name: 'cpus', type: 'SCALAR', scalar: { value: cpus }, allocation_info: offer.allocation_info },
        { name: 'mem', type: 'SCALAR', scalar: { value: mem }, allocation_info: offer.allocation_info },
      ];
      const tasks = Array.from({ length: TASKS }, (_, i) => ({ name: `s${i}`, task_id: { value: `s${i}` }, agent_id: offer.agent_id, resources: resources(0.01, 1), command: { value: 'true' } }));
      let running = 0;
      const allRunning = fw.sub.waitFor((e) => e.type === 'UPDATE' && e.update.status.state === 'TASK_RUNNING' && ++running >= TASKS, fw.sub.mark(), 55_000);
      const started = Date.now();
      const body = JSON.stringify({ type: 'ACCEPT', framework_id: { value: fw.frameworkId }, accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: tasks } }] } });
      expect((await post(fw.url, body, { 'Mesos-Stream-Id': fw.sub.streamId })).status).toBe(202);
      await allRunning;
      const elapsed = Date.now() - started;
      process.stdout.write(`${TASKS} simulated tasks RUNNING through the master in ${elapsed} ms\n`);
      expect(elapsed).toBeLessThan(30_000); // generous: a shared CI machine; the benchmark measures the real figure
      expect(cluster.agents[0]!.simulated?.size).toBe(TASKS);
      expect(fw.sub.events.filter((e) => e.type === 'UPDATE' && e.update.status.state === 'TASK_ERROR')).toEqual([]);
    } finally {
      acks.close();
      fw.close();
    }
  });
});
