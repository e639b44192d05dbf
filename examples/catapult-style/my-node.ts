/**
 * The Java README's `MyNode`: node-level logic and events.
 *
 * What changed for the better:
 * - The defaults are the node machine's, not the callbacks': a failed or
 *   lost task is relaunched after an exponential backoff (Java relaunched at
 *   once, in a hot loop for a bad image), and a node you killed stays killed
 *   (Java relaunched it). Overriding `failed` no longer turns relaunching off;
 *   to change the policy, customize the machine (see examples/custom-transitions).
 * - A late status of an older incarnation never reaches these callbacks
 *   (Java matched statuses by node, so a stale one could relaunch twice).
 * - `lost` is its own callback; `message` data is a Uint8Array.
 * - `static typeName` lets a new leader rebuild this subclass (Java rebuilt
 *   a plain SchedulerNode unless you overrode `reregisterNode`).
 */
import { SchedulerNode, type AppDriver, type SchedulerNodeInfo } from '../../src';

export class MyNode extends SchedulerNode {
  static override typeName = 'my-node';

  constructor(nodeInfo: SchedulerNodeInfo) {
    /* initialize the parent with nodeInfo */
    super(nodeInfo);
  }

  override failed(appDriver: AppDriver): void {
    /* the machine relaunches the node after its backoff; nothing to do here */
  }

  override async running(appDriver: AppDriver): Promise<void> {
    /* the task runs, and this.hostname / this.agentId / this.taskId are known */
    await appDriver.sendMessage(this, Buffer.from('hello'));
  }

  override finished(appDriver: AppDriver): void {
    /* the node stays finished */
  }

  override killed(appDriver: AppDriver): void {
    /* killed by you: stays killed; killed by anything else: relaunched after backoff */
  }

  override message(appDriver: AppDriver, data: Uint8Array): void {
    /* bytes from MyExecutableApp (the default drops them) */
    console.log(`${this.nodeId}: ${Buffer.from(data).toString('utf8')}`);
  }
}
