/**
 * Records latencies and summarizes them for `/metrics`: count and sum over
 * all samples, quantiles over the most recent ones.
 */
import type { LatencySummary } from './dashboard-source';

const QUANTILES = [0.5, 0.9, 0.99] as const;

export class LatencyRecorder {
  private readonly recent: number[] = [];
  private next = 0;
  private count = 0;
  private sumSeconds = 0;

  /** @param windowSize how many recent samples the quantiles are computed over. */
  constructor(private readonly windowSize = 1024) {}

  /** Records one latency, in seconds. */
  record(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    this.count++;
    this.sumSeconds += seconds;
    if (this.recent.length < this.windowSize) this.recent.push(seconds);
    else this.recent[this.next] = seconds;
    this.next = (this.next + 1) % this.windowSize;
  }

  summary(): LatencySummary {
    const sorted = [...this.recent].sort((a, b) => a - b);
    const quantiles = sorted.length === 0 ? [] : QUANTILES.map((quantile) => ({ quantile, seconds: sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] as number }));
    return { count: this.count, sumSeconds: this.sumSeconds, quantiles };
  }
}
