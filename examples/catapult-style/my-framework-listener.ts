/**
 * The Java README's `MyFrameworkListener`: framework-level events.
 *
 * What changed for the better:
 * - `connected` runs on every leader after it restored the stored apps, and
 *   `register` adopts an app of the same name: the same code deploys the
 *   first time and resumes after a failover (Java needed getApps() and
 *   reregister() for each app).
 * - `disconnected` is informational: the scheduler re-subscribes by itself
 *   (Java stopped the driver on a master failover).
 * - `applicationFailed` is actually called, with the app id and the error.
 */
import type { AppFramework, AppID, MesosAppListener } from '../../src';
import { MyApplication } from './my-application';

export class MyFrameworkListener implements MesosAppListener {
  disconnected(appFramework: AppFramework): void {
    console.warn('disconnected from Mesos; re-subscribing');
  }

  async connected(appFramework: AppFramework): Promise<void> {
    /* start deploying apps! */
    await appFramework.register(new MyApplication());
  }

  applicationFailed(appFramework: AppFramework, appId: AppID, error: Error): void {
    console.error(`app ${appId} failed: ${error.message}`);
  }
}
