/**
 * The Java README's `MyApplication`: app-level logic; launches the nodes.
 *
 * What changed for the better:
 * - `initialized` runs once in the app's life. Java ran it again on every
 *   failover, launching every node twice unless your code checked; here a
 *   new leader restores the nodes by itself.
 * - SchedulerNodeInfo is a plain object (the same proto message, snake_case
 *   fields) instead of nested builders, and the resource check works: a node
 *   waits for an offer that fits it, with the reason in `pendingReason`.
 * - `launchNode` resolves once the node is persisted; failures surface as
 *   typed errors with stable codes.
 */
import { SchedulerApp, type AppDriver, type AppID, type SchedulerNodeInfo } from '../../src';
import { mesos } from '../../src';
import { MyNode } from './my-node';

export class MyApplication extends SchedulerApp {
  static override typeName = 'my-application';

  constructor() {
    super('my-app-name');
  }

  override async initialized(appDriver: AppDriver, appID: AppID): Promise<void> {
    /* containerLite info is a short way to run docker containers; volumes mount host paths or docker volumes */
    const containerLiteInfo = {
      docker_image: 'executor-docker-image',
      volumes: [{ host_mount_point: '/opt/mesos/lib', container_mount_point: '/opt/mesos/lib', mode: mesos.v1.Volume.Mode.RO }],
    };

    /* create nodeInfo */
    const nodeInfo: SchedulerNodeInfo = {
      scheduler_container: {
        name: 'node-name',
        cpus: 1.0,
        memory: 1024,
        executor: true, // a custom executor (ExecutorMain), not a plain command
        container_lite_info: containerLiteInfo,
      },
    };

    /* start launching nodes */
    await appDriver.launchNode(new MyNode(nodeInfo));
  }

  override initFailed(error: Error): void {
    /* the app could not be registered or restored; `error.code` says why (Java gave no reason) */
    console.error(`my-app-name: ${error.message}`);
  }
}
