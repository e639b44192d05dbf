/**
 * Options of {@link startDashboard}.
 */
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { DashboardSource } from './dashboard-source';

export interface DashboardOptions {
  /** What to show. */
  source: DashboardSource;
  /** The TCP port; 0 picks a free one (read it from the returned `url`). */
  port: number;
  /** The address to bind. Loopback by default: expose the dashboard deliberately. */
  host?: string;
  /**
   * A bearer token the data endpoints require (401 without it). The page takes
   * it once as `?token=` and keeps it for its own requests.
   */
  token?: string;
  logger?: Logger;
  /** Times the event stream's heartbeats. */
  clock?: Clock;
  /** Where the page files are; `visualizations/dashboard` of the installed package by default. */
  assetsDir?: string;
}

/** A running dashboard. */
export interface Dashboard {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  port: number;
  /** Stops listening, ends the event streams and closes every connection. */
  close(): Promise<void>;
}

export const DEFAULT_DASHBOARD_HOST = '127.0.0.1';
