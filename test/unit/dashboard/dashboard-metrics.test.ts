import { PROMETHEUS_CONTENT_TYPE, startDashboard, type Dashboard } from '../../../src/dashboard';
import { ManualClock } from '../../../src/util';
import { demoSource, fetchText } from './dashboard-fixture';

/** Checks the text exposition format line by line; returns samples by `name{labels}`. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const described = new Map<string, Set<string>>();
  const typed = new Map<string, string>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      described.set(name, (described.get(name) ?? new Set()).add(kind));
      if (kind === 'TYPE') {
        expect(['counter', 'gauge', 'summary', 'histogram', 'untyped']).toContain(rest);
        typed.set(name, rest);
      }
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    expect({ line, valid: sample !== null }).toEqual({ line, valid: true });
    const [, name, labels = '', value] = sample as unknown as [string, string, string | undefined, string];
    const family = name.replace(/_(sum|count|bucket)$/, '');
    expect({ name, hasHelpAndType: described.get(typed.has(name) ? name : family)?.size === 2 }).toEqual({ name, hasHelpAndType: true });
    samples.set(`${name}${labels}`, Number(value));
  }
  return samples;
}

describe('/metrics', () => {
  let dashboard: Dashboard;
  afterEach(() => dashboard.close());

  it('exposes nodes, transitions, offers, acknowledgements and persist latency in Prometheus text format', async () => {
    const clock = new ManualClock();
    const source = demoSource(clock);
    source.recordOffers({ received: 10, accepted: 3, declined: 7 });
    source.recordAcknowledgements(4);
    for (const seconds of [0.002, 0.004, 0.010, 0.050]) source.recordPersistLatency(seconds);
    dashboard = await startDashboard({ source, port: 0, clock });

    const reply = await fetchText(`${dashboard.url}/metrics`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(PROMETHEUS_CONTENT_TYPE);
    const samples = parsePrometheus(reply.body);
    expect(samples.get('catapult_nodes{state="running"}')).toBe(2);
    expect(samples.get('catapult_nodes{state="pending"}')).toBe(1);
    expect(samples.get('catapult_nodes{state="failed"}')).toBe(1);
    expect(samples.get('catapult_transitions_total')).toBe(4);
    expect(samples.get('catapult_offers_total{outcome="received"}')).toBe(10);
    expect(samples.get('catapult_offers_total{outcome="declined"}')).toBe(7);
    expect(samples.get('catapult_offers_total{outcome="accepted"}')).toBe(3);
    expect(samples.get('catapult_acknowledgements_total')).toBe(4);
    expect(samples.get('catapult_persist_latency_seconds_count')).toBe(4);
    expect(samples.get('catapult_persist_latency_seconds_sum')).toBeCloseTo(0.066);
    expect(samples.get('catapult_persist_latency_seconds{quantile="0.5"}')).toBe(0.01);
    expect(samples.get('catapult_leader')).toBe(1);
    expect(reply.body).toContain('# TYPE catapult_nodes gauge');
    expect(reply.body).toContain('# TYPE catapult_persist_latency_seconds summary');
  });

  it('escapes label values', async () => {
    const clock = new ManualClock();
    const source = demoSource(clock);
    source.transition('web', 'web-0', 'odd "state"\\x');
    dashboard = await startDashboard({ source, port: 0, clock });
    const samples = parsePrometheus((await fetchText(`${dashboard.url}/metrics`)).body);
    expect(samples.get('catapult_nodes{state="odd \\"state\\"\\\\x"}')).toBe(1);
  });
});
