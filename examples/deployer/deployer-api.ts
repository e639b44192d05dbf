/**
 * The deployer's HTTP API (node:http, JSON):
 *
 * - `POST /apps` `{ name, nodes, command | image, cpus?, mem? }` → 201, the app
 * - `GET /apps` → `{ apps: [...] }`; `GET /apps/:id` → the app and its nodes
 * - `POST /apps/:id/scale` `{ nodes }` → 200, the app (scaling down removes the newest nodes)
 * - `DELETE /apps/:id` → 200 `{ id, deleted: true }` once every node is being killed and removed
 * - `GET /health` → 200 `{ status, role }` on leader and standby alike (the process is fine)
 * - `GET /ready` → 200 on the leader, 503 on a standby (route traffic by this)
 *
 * Errors are `{ error: { code, message } }`: 400 for a bad body, 404 for an
 * unknown app or path, 405 for a wrong method, 409 for a duplicate name.
 *
 * A standby answers every `/apps` request, reads included, with 503
 * `NOT_LEADER` and `Retry-After: 2`: it holds no live state (the leader's
 * is newer than anything in ZooKeeper a standby could read), and a
 * mutation must go through the one scheduler that may write. Clients retry,
 * or a load balancer sends them to the instance whose `/ready` answers 200.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppFramework, SchedulerApp } from '../../src';
import { isCatapultError } from '../../src';
import { HttpError, readJsonBody, sendJson } from '../hello/json-http';
import { appView, type AppView } from '../hello/state-view';
import { parseAppSpec, parseScale } from './app-spec';
import { DeployedApp, deleteApp, desiredCount, members, nodeInfoOf, scaleApp } from './deployed-app';

/** What the API needs of the scheduler it runs in. */
export interface DeployerHost {
  /** The framework, once this instance leads and has reconciled its apps; undefined on a standby. */
  serving(): AppFramework | undefined;
}

/** Serializes the mutations of one app, so two scales of one app never interleave. */
class AppLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(appId: string, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(appId) ?? Promise.resolve()).then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(appId, tail);
    void tail.then(() => this.tails.get(appId) === tail && this.tails.delete(appId));
    return result;
  }
}

export type DeployedAppView = AppView & { desiredNodes: number };

function view(app: SchedulerApp): DeployedAppView {
  return { ...appView(app), desiredNodes: desiredCount(app)?.desired ?? members(app).length };
}

/** An app the API shows: it has nodes (an app whose nodes were all removed is deleted). */
function visible(framework: AppFramework, appId: string): SchedulerApp | undefined {
  const app = framework.getApp(appId);
  return app && members(app).length > 0 ? app : undefined;
}

function need(framework: AppFramework, appId: string): SchedulerApp {
  const app = visible(framework, appId);
  if (!app) throw new HttpError(404, 'APP_NOT_FOUND', `No app "${appId}"; GET /apps lists the apps.`);
  return app;
}

function notLeader(): HttpError {
  return new HttpError(503, 'NOT_LEADER', 'This scheduler is a standby (or is taking over); retry shortly, or send requests to the instance whose /ready answers 200.', {
    'retry-after': '2',
  });
}

function methodNotAllowed(method: string | undefined, allowed: string): HttpError {
  return new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${allowed}.`, { allow: allowed });
}

/** Builds the request handler of the deployer API. */
export function deployerHandler(host: DeployerHost) {
  const locks = new AppLocks();
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const framework = host.serving();
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok', role: framework ? 'leader' : 'standby' });
    if (url.pathname === '/ready') return framework ? sendJson(res, 200, { ready: true }) : sendJson(res, 503, { ready: false }, { 'retry-after': '2' });
    const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
    if (parts[0] !== 'apps' || parts.length > 3 || (parts.length === 3 && parts[2] !== 'scale')) {
      throw new HttpError(404, 'NOT_FOUND', `No resource at ${url.pathname}; the API is /apps, /apps/:id and /apps/:id/scale.`);
    }
    if (!framework) throw notLeader();
    const [, appId, action] = parts;
    try {
      if (appId === undefined) {
        if (req.method === 'GET') {
          const apps = framework.getApps().map((id) => visible(framework, id)).filter((a): a is SchedulerApp => a !== undefined);
          return sendJson(res, 200, { apps: apps.map(view) });
        }
        if (req.method !== 'POST') throw methodNotAllowed(req.method, 'GET, POST');
        const spec = parseAppSpec(await readJsonBody(req));
        const created = await locks.run(spec.name, async () => {
          if (visible(framework, spec.name)) throw new HttpError(409, 'APP_EXISTS', `An app named "${spec.name}" already exists; scale it with POST /apps/${spec.name}/scale or pick another name.`);
          const app = framework.getApp(spec.name) ?? new DeployedApp(spec.name);
          if (framework.getApp(spec.name) !== app) await framework.register(app);
          await scaleApp(app, spec.nodes, nodeInfoOf(spec));
          return app;
        });
        return sendJson(res, 201, view(created), { location: `/apps/${encodeURIComponent(spec.name)}` });
      }
      if (action === 'scale') {
        if (req.method !== 'POST') throw methodNotAllowed(req.method, 'POST');
        const nodes = parseScale(await readJsonBody(req));
        const app = await locks.run(appId, async () => {
          const found = need(framework, appId);
          await scaleApp(found, nodes);
          return found;
        });
        return sendJson(res, 200, view(app));
      }
      if (req.method === 'GET') return sendJson(res, 200, view(need(framework, appId)));
      if (req.method !== 'DELETE') throw methodNotAllowed(req.method, 'GET, DELETE');
      await locks.run(appId, () => deleteApp(need(framework, appId)));
      return sendJson(res, 200, { id: appId, deleted: true });
    } catch (err) {
      // Leadership can end in the middle of a request.
      if (isCatapultError(err, 'CATAPULT_NOT_LEADING') || isCatapultError(err, 'CATAPULT_SCHEDULER_NOT_LEADER')) throw notLeader();
      if (isCatapultError(err) && err.code.startsWith('CATAPULT_INVALID')) throw new HttpError(400, 'INVALID_APP', err.message);
      throw err;
    }
  };
}
