/**
 * Starts a hello scheduler from parsed options: the framework with its one
 * app, and the optional `/api/state` + `/health` server. The main module
 * and the tests both start it this way.
 */
import { MesosAppFramework, type AppFramework, type MesosAppListener, type SchedulerConfig } from '../../src';
import type { Logger } from '../../src';
import type { HelloOptions } from './args';
import { HelloApp, HelloNode, helloLog } from './hello-app';
import { startJsonServer, sendJson, HttpError, type JsonServer } from './json-http';
import { stateView } from './state-view';

export interface HelloScheduler {
  readonly framework: MesosAppFramework;
  readonly app: HelloApp;
  /** The `/api/state` server, with `--http-port`. */
  readonly http: JsonServer | undefined;
  /** True once this scheduler leads and is subscribed. */
  leading(): boolean;
  /** Resolves with an exit code when the framework stops by itself. */
  readonly done: Promise<number>;
  /** Stops cleanly: leaves the election (a standby takes over at once) and closes the server. */
  stop(): Promise<void>;
}

/** The SchedulerConfig of a hello scheduler. */
export function helloConfig(options: HelloOptions): SchedulerConfig {
  return {
    frameworkName: options.name,
    zooKeeperInfo: { address: options.zkConnect, rootNode: options.zkRoot, sessionTimeoutMs: options.zkSessionTimeoutMs },
    mesosInfo: { address: options.master },
    dashboard: options.dashboardPort === undefined ? undefined : { port: options.dashboardPort, host: options.httpHost },
  };
}

export async function startHelloScheduler(options: HelloOptions, logger: Logger): Promise<HelloScheduler> {
  helloLog.logger = logger;
  const app = new HelloApp(options.name, options, options.nodes);
  let current: AppFramework | undefined;
  let leading = false;
  const listener: MesosAppListener = {
    async connected(framework) {
      current = framework;
      leading = true;
      logger.info({ frameworkId: framework.frameworkId }, 'leading and subscribed');
      // On a new leader this adopts the restored app (no second `initialized`).
      if (framework.getApp(app.name) !== app) await framework.register(app);
      // Nodes a previous leader had not persisted yet are launched now.
      await app.scaleTo(options.nodes);
    },
    disconnected() {
      leading = false;
      logger.warn('disconnected from Mesos; re-subscribing');
    },
    applicationFailed(_framework, appId, error) {
      logger.error({ appId, err: error }, 'app failed');
    },
    frameworkRemoved(_framework, frameworkId) {
      logger.error({ frameworkId }, 'Mesos removed the framework: its tasks are gone; clear the ZooKeeper root to start afresh');
    },
  };
  const framework = new MesosAppFramework(helloConfig(options), listener, { logger, types: [HelloApp, HelloNode] });

  let http: JsonServer | undefined;
  if (options.httpPort !== undefined) {
    http = await startJsonServer(
      options.httpHost,
      options.httpPort,
      (req, res, url) => {
        if (req.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not served; use GET.`);
        const leads = leading && framework.leading;
        if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok', role: leads ? 'leader' : 'standby' });
        if (url.pathname === '/api/state') return sendJson(res, 200, stateView(current, leads));
        throw new HttpError(404, 'NOT_FOUND', `No resource at ${url.pathname}; try /api/state or /health.`);
      },
      (err) => logger.error({ err }, 'HTTP request failed'),
    );
    logger.info({ url: http.url }, 'serving /api/state and /health');
  }

  const done = framework.run().then(
    () => 0,
    (err: unknown) => {
      logger.fatal({ err }, 'the scheduler stopped with an error');
      return 1;
    },
  );
  return {
    framework,
    app,
    http,
    leading: () => leading && framework.leading,
    done,
    async stop() {
      leading = false;
      await framework.stop();
      await http?.close();
    },
  };
}
