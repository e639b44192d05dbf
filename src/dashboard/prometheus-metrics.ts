/**
 * `/metrics` in the Prometheus text exposition format (version 0.0.4).
 */
import type { DashboardMetrics, FrameworkSummary } from './dashboard-source';

/** The Content-Type of the Prometheus text format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function num(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

class Exposition {
  private readonly lines: string[] = [];

  metric(name: string, type: 'gauge' | 'counter' | 'summary', help: string, samples: Array<[labels: Record<string, string>, value: number, suffix?: string]>): this {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value, suffix = ''] of samples) {
      const pairs = Object.entries(labels).map(([k, v]) => `${k}="${label(v)}"`);
      this.lines.push(`${name}${suffix}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${num(value)}`);
    }
    return this;
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Renders the dashboard's metrics and the framework's role as Prometheus text. */
export function prometheusText(metrics: DashboardMetrics, framework: FrameworkSummary): string {
  const states = Object.keys(metrics.nodesByState).sort();
  const latency = metrics.persistLatency;
  return new Exposition()
    .metric('catapult_leader', 'gauge', 'Whether this scheduler is the leader (1) or a standby (0).', [[{}, framework.leader ? 1 : 0]])
    .metric('catapult_nodes', 'gauge', 'Nodes by node machine state, over all apps.', states.map((state) => [{ state }, metrics.nodesByState[state] as number]))
    .metric('catapult_transitions_total', 'counter', 'Node state transitions since the scheduler started.', [[{}, metrics.transitionsTotal]])
    .metric('catapult_offers_total', 'counter', 'Resource offers by outcome.', [
      [{ outcome: 'received' }, metrics.offers.received],
      [{ outcome: 'accepted' }, metrics.offers.accepted],
      [{ outcome: 'declined' }, metrics.offers.declined],
    ])
    .metric('catapult_acknowledgements_total', 'counter', 'Task status updates acknowledged to Mesos.', [[{}, metrics.acknowledgementsTotal]])
    .metric('catapult_persist_latency_seconds', 'summary', 'Latency of persisting machine snapshots to the store.', [
      ...latency.quantiles.map((q): [Record<string, string>, number] => [{ quantile: String(q.quantile) }, q.seconds]),
      [{}, latency.sumSeconds, '_sum'],
      [{}, latency.count, '_count'],
    ])
    .text();
}
