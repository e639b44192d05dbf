import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { HEARTBEAT_INTERVAL_MS, startDashboard, type Dashboard, type InMemoryDashboardSource } from '../../../src/dashboard';
import { ManualClock } from '../../../src/util';
import { demoSource } from './dashboard-fixture';

/** An event-stream client that collects what arrives and lets a test wait for a frame. */
function openStream(url: string): Promise<{ res: IncomingMessage; req: ClientRequest; next: (match: (frame: string) => boolean) => Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let buffer = '';
      const waiters: Array<{ match: (frame: string) => boolean; resolve: (frame: string) => void }> = [];
      const frames: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          frames.push(frame);
          for (const w of [...waiters]) if (w.match(frame)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(frame);
        }
      });
      const next = (match: (frame: string) => boolean) =>
        new Promise<string>((done) => {
          const seen = frames.find(match);
          if (seen !== undefined) {
            frames.splice(frames.indexOf(seen), 1);
            done(seen);
          } else waiters.push({ match, resolve: done });
        });
      resolve({ res, req, next });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/api/events', () => {
  let clock: ManualClock;
  let source: InMemoryDashboardSource;
  let dashboard: Dashboard;

  beforeEach(async () => {
    clock = new ManualClock();
    source = demoSource(clock);
    dashboard = await startDashboard({ source, port: 0, clock, token: 'tok' });
  });
  afterEach(() => dashboard.close());

  it('needs the token (as ?token=, since EventSource cannot send headers)', async () => {
    const { res, req } = await openStream(`${dashboard.url}/api/events`);
    expect(res.statusCode).toBe(401);
    req.destroy();
  });

  it('delivers each change as one data line of JSON', async () => {
    const stream = await openStream(`${dashboard.url}/api/events?token=tok`);
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await stream.next((f) => f.includes(': connected'));

    source.transition('web', 'web-0', 'failed', { cause: { kind: 'mesos', taskId: 'web-0.1', state: 'TASK_FAILED' } });
    const frame = await stream.next((f) => f.startsWith('data: '));
    expect(frame.split('\n')).toHaveLength(1);
    const change = JSON.parse(frame.slice('data: '.length));
    expect(change).toMatchObject({ type: 'node', appId: 'web', from: 'running', node: { nodeId: 'web-0', state: 'failed' } });
    stream.req.destroy();
  });

  it('sends a heartbeat comment every 15 s of the injected clock, and stops when the client leaves', async () => {
    const stream = await openStream(`${dashboard.url}/api/events?token=tok`);
    await stream.next((f) => f.includes(': connected'));
    expect(clock.pending).toBe(1);
    clock.advance(HEARTBEAT_INTERVAL_MS);
    expect(await stream.next((f) => f.startsWith(': heartbeat'))).toBe(`: heartbeat ${clock.now()}`);
    clock.advance(HEARTBEAT_INTERVAL_MS);
    await stream.next((f) => f.startsWith(': heartbeat'));

    const closed = new Promise((resolve) => stream.res.on('close', resolve));
    stream.req.destroy();
    await closed;
    for (let i = 0; i < 50 && clock.pending > 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(clock.pending).toBe(0);
  });

  it('ends open streams on close()', async () => {
    const stream = await openStream(`${dashboard.url}/api/events?token=tok`);
    await stream.next((f) => f.includes(': connected'));
    const ended = new Promise((resolve) => stream.res.on('close', resolve));
    await dashboard.close();
    await ended;
  });
});
