/**
 * Counters the runtime keeps for the dashboard and `/api/state`, and the
 * persistence latency (every durable store commit is timed).
 */
import { LatencyRecorder } from '../../dashboard/latency-recorder';
import type { LatencySummary } from '../../dashboard/dashboard-source';

/** A snapshot of the runtime's counters. */
export interface RuntimeMetrics {
  /** Node state transitions observed. */
  transitions: number;
  offersReceived: number;
  offersDeclined: number;
  offersAccepted: number;
  /** Tasks sent in ACCEPTs. */
  tasksLaunched: number;
  acksSent: number;
  killsSent: number;
  messagesSent: number;
  messagesReceived: number;
  reconcileCalls: number;
  /** Status updates received, by Mesos state name. */
  updatesByState: Record<string, number>;
  /** Updates for task ids no node owns. */
  unknownUpdates: number;
  /** Durable-write latency of store commits (ms): count, mean and max since start. */
  persistence: { count: number; meanMs: number; maxMs: number };
}

export class MetricsRecorder {
  private readonly latency = new LatencyRecorder();
  private readonly value: RuntimeMetrics = {
    transitions: 0,
    offersReceived: 0,
    offersDeclined: 0,
    offersAccepted: 0,
    tasksLaunched: 0,
    acksSent: 0,
    killsSent: 0,
    messagesSent: 0,
    messagesReceived: 0,
    reconcileCalls: 0,
    updatesByState: {},
    unknownUpdates: 0,
    persistence: { count: 0, meanMs: 0, maxMs: 0 },
  };

  count(name: Exclude<keyof RuntimeMetrics, 'updatesByState' | 'persistence'>, by = 1): void {
    this.value[name] += by;
  }

  update(state: string): void {
    this.value.updatesByState[state] = (this.value.updatesByState[state] ?? 0) + 1;
  }

  /** Records one durable commit's latency. */
  persisted(latencyMs: number): void {
    this.latency.record(latencyMs / 1000);
    const p = this.value.persistence;
    p.meanMs = (p.meanMs * p.count + latencyMs) / (p.count + 1);
    p.count++;
    p.maxMs = Math.max(p.maxMs, latencyMs);
  }

  /** The persistence latency with quantiles over the recent commits, in seconds. */
  persistLatency(): LatencySummary {
    return this.latency.summary();
  }

  snapshot(): RuntimeMetrics {
    return { ...this.value, updatesByState: { ...this.value.updatesByState }, persistence: { ...this.value.persistence } };
  }
}
