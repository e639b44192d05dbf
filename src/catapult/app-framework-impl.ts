/**
 * The AppFramework handed to the listener: registering, adopting and
 * listing apps on top of the runtime.
 */
import type { RuntimeApi } from '../scheduler/runtime/runtime-api';
import type { Logger } from '../util/logger';
import { AppDriverImpl } from './app-driver-impl';
import type { AppDirectory } from './app-directory';
import { AppNotFoundError, InvalidAppNameError, NotLeadingError } from './catapult-errors';
import type { AppFramework, AppID, MesosAppListener } from './catapult-types';
import type { SchedulerApp } from './scheduler-app';
import { typeNameOf, type TypeRegistry } from './type-registry';

const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The app id of an app name (the name itself, checked). */
export function appIdOf(name: unknown): AppID {
  if (typeof name !== 'string' || !APP_NAME.test(name)) throw new InvalidAppNameError(name);
  return name;
}

export interface AppFrameworkDeps {
  runtime: () => RuntimeApi | undefined;
  apps: AppDirectory;
  types: TypeRegistry;
  listener: MesosAppListener;
  logger: Logger;
  stop: (failover: boolean) => Promise<void>;
}

export class AppFrameworkImpl implements AppFramework {
  constructor(private readonly deps: AppFrameworkDeps) {}

  get frameworkId(): string | undefined {
    return this.deps.runtime()?.frameworkId;
  }

  async register(app: SchedulerApp): Promise<AppID> {
    const appId = appIdOf(app.name);
    const runtime = this.leadingRuntime('register');
    this.deps.types.learn(app);
    const existing = this.deps.apps.get(appId);
    if (existing) {
      if (existing.app !== app) {
        this.deps.logger.info({ appId }, 'adopting the restored app');
        this.deps.apps.set(appId, app, existing.driver);
      }
      await this.initializeOnce(runtime, app, existing.driver);
      return appId;
    }
    await runtime.createApp(appId, { name: app.name, typeName: typeNameOf(app) });
    const driver = new AppDriverImpl(appId, runtime, this.deps.types);
    this.deps.apps.set(appId, app, driver);
    await this.initializeOnce(runtime, app, driver);
    return appId;
  }

  async reregister(appId: AppID, app: SchedulerApp): Promise<void> {
    this.leadingRuntime('reregister');
    const existing = this.deps.apps.get(appId);
    if (!existing) {
      const error = new AppNotFoundError(appId);
      app.initFailed(error);
      throw error;
    }
    this.deps.types.learn(app);
    if (existing.app !== app) this.deps.apps.set(appId, app, existing.driver);
  }

  getApps(): AppID[] {
    return this.deps.apps.ids();
  }

  getApp(appId: AppID): SchedulerApp | undefined {
    return this.deps.apps.get(appId)?.app;
  }

  abort(failover = true): Promise<void> {
    return this.deps.stop(failover);
  }

  private leadingRuntime(operation: string): RuntimeApi {
    const runtime = this.deps.runtime();
    if (!runtime?.leading) throw new NotLeadingError(operation);
    return runtime;
  }

  /** Runs `initialized` if, and only if, this call is the one that marked the app initialized. */
  private async initializeOnce(runtime: RuntimeApi, app: SchedulerApp, driver: AppDriverImpl): Promise<void> {
    if (!(await runtime.initializeApp(driver.appId))) return;
    try {
      await app.initialized(driver, driver.appId);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.deps.logger.error({ err: error, appId: driver.appId }, 'the app\'s initialized callback threw');
      app.initFailed(error);
      this.deps.listener.applicationFailed?.(this, driver.appId, error);
    }
  }
}
