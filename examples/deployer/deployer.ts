/**
 * Starts a deployer: a catapult scheduler with no apps of its own that
 * serves the deployer API. Every app deployed through the API is a catapult
 * app persisted in ZooKeeper, so a standby that takes over serves the same
 * apps, and finishes any deploy or scale its predecessor left half done.
 */
import { MesosAppFramework, type AppFramework, type MesosAppFrameworkOptions, type SchedulerConfig } from '../../src';
import type { Logger } from '../../src';
import { startJsonServer, type JsonServer } from '../hello/json-http';
import { DeployedApp, DeployedNode, reconcileApp } from './deployed-app';
import { deployerHandler } from './deployer-api';

export interface DeployerOptions {
  config: SchedulerConfig;
  httpPort: number;
  httpHost?: string;
  logger: Logger;
  /** Passed to MesosAppFramework (tests inject clients here). */
  frameworkOptions?: Omit<MesosAppFrameworkOptions, 'logger' | 'types'>;
}

export interface Deployer {
  readonly framework: MesosAppFramework;
  readonly http: JsonServer;
  /** True once this instance leads and has reconciled every restored app. */
  serving(): boolean;
  /** Resolves when the framework stops. */
  readonly done: Promise<void>;
  /** Clean stop: leaves the election (a standby takes over at once), closes the API. */
  stop(): Promise<void>;
}

export async function startDeployer(options: DeployerOptions): Promise<Deployer> {
  const { logger } = options;
  let reconciled: AppFramework | undefined;
  const framework: MesosAppFramework = new MesosAppFramework(
    options.config,
    {
      async connected(fw) {
        // A new leader finishes what the previous one left half done.
        for (const appId of fw.getApps()) {
          const app = fw.getApp(appId);
          if (app) await reconcileApp(app);
        }
        reconciled = fw;
        logger.info({ apps: fw.getApps() }, 'deployer leading; serving the API');
      },
      disconnected: () => logger.warn('disconnected from Mesos; re-subscribing'),
      applicationFailed: (_fw, appId, error) => logger.error({ appId, err: error }, 'app failed'),
    },
    { ...options.frameworkOptions, logger, types: [DeployedApp, DeployedNode] },
  );
  const serving = () => {
    if (!framework.leading) reconciled = undefined;
    return reconciled;
  };
  const http = await startJsonServer(options.httpHost ?? '127.0.0.1', options.httpPort, deployerHandler({ serving }), (err) => logger.error({ err }, 'request failed'));
  logger.info({ url: http.url }, 'deployer API listening');
  const done = framework.run();
  return {
    framework,
    http,
    serving: () => serving() !== undefined,
    done,
    async stop() {
      await framework.stop();
      await http.close();
    },
  };
}
