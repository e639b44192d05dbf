/**
 * Starts the read-only dashboard on node:http.
 */
import { createServer, type Server } from 'node:http';
import { systemClock } from '../util/clock';
import { silentLogger } from '../util/logger';
import { tokenChecker } from './dashboard-auth';
import { DashboardListenError, DashboardOptionsError } from './dashboard-errors';
import { DEFAULT_DASHBOARD_HOST, type Dashboard, type DashboardOptions } from './dashboard-options';
import { route } from './dashboard-routes';
import { EventStreamHub } from './event-stream';
import { StatechartCache } from './statechart-cache';
import { loadStaticAssets } from './static-assets';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: unknown) => reject(new DashboardListenError(host, port, err));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * Serves the dashboard: the apps-and-nodes page at `/`, a page per node at
 * `/apps/:appId/nodes/:nodeId`, JSON under `/api/`, live changes at
 * `/api/events` (server-sent events), `/metrics` (Prometheus) and `/health`.
 *
 * @example
 * const dashboard = await startDashboard({ source, port: 8090, token: process.env.DASHBOARD_TOKEN, logger });
 * logger.info({ url: dashboard.url }, 'dashboard up');
 * // ... on shutdown
 * await dashboard.close();
 *
 * @throws DashboardOptionsError for a bad port or an empty token.
 * @throws DashboardAssetsMissingError when the page files cannot be found.
 * @throws DashboardListenError when the port cannot be bound.
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const { source, port, host = DEFAULT_DASHBOARD_HOST, token, clock = systemClock } = options;
  const logger = (options.logger ?? silentLogger).child({ component: 'dashboard' });
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DashboardOptionsError('port', `must be an integer from 0 to 65535, got ${port}`);
  if (token !== undefined && token.length === 0) throw new DashboardOptionsError('token', 'is empty: leave it out for no token, or give a secret');

  const events = new EventStreamHub(clock, logger);
  const ctx = { source, assets: loadStaticAssets(options.assetsDir), events, charts: new StatechartCache(), authorized: tokenChecker(token), logger };
  const server = createServer((req, res) => {
    route(req, res, ctx).catch((err: unknown) => {
      logger.error({ err, url: req.url }, 'dashboard request failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'The dashboard failed to answer; see the scheduler log.' } }));
    });
  });
  const unsubscribe = source.subscribe((change) => events.publish(change));
  let boundPort: number;
  try {
    boundPort = await listen(server, port, host);
  } catch (err) {
    unsubscribe();
    throw err;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  logger.info({ url, token: token !== undefined }, 'dashboard listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port: boundPort,
    close() {
      closing ??= new Promise<void>((resolve) => {
        unsubscribe();
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
