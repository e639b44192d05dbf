/**
 * The dashboard's routes: page shells, JSON views, statechart SVGs, the event
 * stream, Prometheus metrics and the health check. Read-only: every route is
 * GET (or HEAD).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCatapultError } from '../util/catapult-error';
import type { Logger } from '../util/logger';
import { MACHINE_KINDS, type DashboardSource, type MachineKind } from './dashboard-source';
import type { EventStreamHub } from './event-stream';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from './prometheus-metrics';
import type { StatechartCache } from './statechart-cache';
import type { StaticAsset } from './static-assets';

export interface RouteContext {
  source: DashboardSource;
  assets: Map<string, StaticAsset>;
  events: EventStreamHub;
  charts: StatechartCache;
  authorized: (req: IncomingMessage, url: URL) => boolean;
  logger: Logger;
}

/** Pages may only load their own files; a token in a URL must not leak through Referer. */
const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function error(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(JSON.stringify({ error: { code, message } }));
}

function asset(res: ServerResponse, ctx: RouteContext, name: string): void {
  const file = ctx.assets.get(name) as StaticAsset;
  send(res, 200, file.contentType, file.body);
}

const NODE_PAGE = /^\/apps\/([^/]+)\/nodes\/([^/]+)\/?$/;
const APP_API = /^\/api\/apps\/([^/]+)$/;
const NODE_API = /^\/api\/apps\/([^/]+)\/nodes\/([^/]+)$/;
const MACHINE_SVG = /^\/api\/machines\/([^/]+)\.svg$/;

/** Handles one request. */
export async function route(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
  const path = url.pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(res, 405, 'METHOD_NOT_ALLOWED', 'The dashboard is read-only: use GET.', { Allow: 'GET, HEAD' });

  if (path === '/' || path === '/index.html') return asset(res, ctx, 'index.html');
  if (NODE_PAGE.test(path)) return asset(res, ctx, 'node.html');
  if (path === '/assets/dashboard.js') return asset(res, ctx, 'dashboard.js');
  if (path === '/assets/dashboard.css') return asset(res, ctx, 'dashboard.css');
  if (path === '/health') {
    const { leader, state } = ctx.source.framework();
    return json(res, 200, { status: 'ok', role: leader ? 'leader' : 'standby', framework: state });
  }

  if (!path.startsWith('/api/') && path !== '/metrics') return error(res, 404, 'NOT_FOUND', `Nothing at ${path}.`);
  if (!ctx.authorized(req, url)) {
    return error(res, 401, 'UNAUTHORIZED', 'This dashboard needs its token: send Authorization: Bearer <token>, or open the page once with ?token=<token>.', {
      'WWW-Authenticate': 'Bearer realm="catapult"',
    });
  }

  if (path === '/metrics') return send(res, 200, PROMETHEUS_CONTENT_TYPE, prometheusText(ctx.source.metrics(), ctx.source.framework()));
  if (path === '/api/overview') return json(res, 200, ctx.source.overview());
  if (path === '/api/events') return ctx.events.open(req, res, SECURITY_HEADERS);

  let m: RegExpExecArray | null;
  if ((m = NODE_API.exec(path))) {
    const [appId, nodeId] = [decodeURIComponent(m[1] as string), decodeURIComponent(m[2] as string)];
    const node = ctx.source.node(appId, nodeId);
    return node ? json(res, 200, node) : error(res, 404, 'UNKNOWN_NODE', `No node "${nodeId}" in app "${appId}".`);
  }
  if ((m = APP_API.exec(path))) {
    const appId = decodeURIComponent(m[1] as string);
    const app = ctx.source.app(appId);
    return app ? json(res, 200, app) : error(res, 404, 'UNKNOWN_APP', `No app "${appId}".`);
  }
  if ((m = MACHINE_SVG.exec(path))) {
    const kind = m[1] as MachineKind;
    if (!MACHINE_KINDS.includes(kind)) return error(res, 404, 'UNKNOWN_MACHINE', `No machine "${kind}": use one of ${MACHINE_KINDS.join(', ')}.`);
    const active = url.searchParams.getAll('active').flatMap((a) => a.split(',')).filter(Boolean);
    try {
      return send(res, 200, 'image/svg+xml; charset=utf-8', await ctx.charts.svg(ctx.source.machine(kind), active));
    } catch (err) {
      if (isCatapultError(err, 'CATAPULT_VISUALIZE_UNKNOWN_STATE')) return error(res, 400, err.code, err.message);
      throw err;
    }
  }
  return error(res, 404, 'NOT_FOUND', `Nothing at ${path}.`);
}
