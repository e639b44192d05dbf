/** A small dashboard over an in-memory source, for the dashboard tests. */
import { request, type IncomingHttpHeaders } from 'node:http';
import { InMemoryDashboardSource } from '../../../src/dashboard';
import { ManualClock } from '../../../src/util';

/** A source with two apps: web (running, running, pending) and batch (finished, failed). */
export function demoSource(clock: ManualClock): InMemoryDashboardSource {
  const source = new InMemoryDashboardSource({ clock, framework: { state: 'leading.subscribed', leader: true, frameworkId: 'fw-1', masterUrl: 'http://127.0.0.1:5050' } });
  source.addApp('web', { name: 'Web frontend' });
  for (const [i, host] of ['agent-1.local', 'agent-2.local'].entries()) {
    source.addNode('web', `web-${i}`);
    clock.advance(1_000);
    source.transition('web', `web-${i}`, 'launching', { cause: { kind: 'offer', offerId: `o-${i}`, agentId: `a-${i}` }, agentId: `a-${i}`, hostname: host, incarnation: 1, taskId: `web-${i}.1` });
    clock.advance(1_000);
    source.transition('web', `web-${i}`, 'running', { cause: { kind: 'mesos', taskId: `web-${i}.1`, state: 'TASK_RUNNING' } });
  }
  source.addNode('web', 'web-2', { pendingReason: 'no offer has 4 cpus (largest: 2 on agent-1.local)' });
  source.addApp('batch');
  source.addNode('batch', 'batch-0', { state: 'finished', hostname: 'agent-3.local' });
  source.addNode('batch', 'batch-1', { state: 'failed', hostname: 'agent-3.local', failures: 2 });
  return source;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request; resolves with the whole body. */
export function fetchText(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
