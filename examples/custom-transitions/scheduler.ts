/**
 * A scheduler whose nodes follow {@link healthCheckedLifecycle}: bounded
 * relaunches with a capped backoff, and a `degraded` state.
 *
 * `node dist/examples/custom-transitions/scheduler.js --master http://127.0.0.1:5050 --zk 127.0.0.1:2181/catapult/custom`
 */
import { join } from 'node:path';
import pino from 'pino';
import { MesosAppFramework, SchedulerApp, SchedulerNode, type AppDriver } from '../../src';
import type { Logger } from '../../src';
import { splitZk } from '../hello/args';
import { healthCheckedLifecycle } from './lifecycles';

const logger = pino() as unknown as Logger;

/** Callbacks still fire; they only observe what the machine decided. */
class ServiceNode extends SchedulerNode {
  static override typeName = 'service-node';
  override failed(): void {
    logger.warn({ nodeId: this.nodeId, failures: this.context?.failures, next: this.state }, 'failed');
  }
  override message(_driver: AppDriver, data: Uint8Array): void {
    logger.info({ nodeId: this.nodeId, health: Buffer.from(data).toString('utf8'), state: this.state }, 'health report');
  }
}

class ServiceApp extends SchedulerApp {
  static override typeName = 'service-app';
  override async initialized(driver: AppDriver): Promise<void> {
    const command = `'${process.execPath}' '${join(__dirname, 'executor.js')}'`;
    for (let i = 0; i < 3; i++) {
      await driver.launchNode(new ServiceNode({ scheduler_container: { name: 'service', cpus: 0.1, memory: 32, executor: true, command } }));
    }
  }
}

const arg = (flag: string) => {
  const at = process.argv.indexOf(flag);
  const value = at < 0 ? undefined : process.argv[at + 1];
  if (value === undefined) {
    process.stderr.write(`${flag} is required.\nUsage: scheduler.js --master http://host:5050 --zk host:2181/chroot\n`);
    process.exit(2);
  }
  return value;
};

const { zkConnect, zkRoot } = splitZk(arg('--zk'), 'custom');
const framework = new MesosAppFramework(
  { frameworkName: 'custom-transitions', zooKeeperInfo: { address: zkConnect, rootNode: zkRoot }, mesosInfo: { address: arg('--master') } },
  { connected: (fw) => void fw.register(new ServiceApp('service')) },
  { logger, types: [ServiceApp, ServiceNode], nodeMachine: healthCheckedLifecycle },
);
process.once('SIGTERM', () => void framework.stop());
process.once('SIGINT', () => void framework.stop());
void framework.run();
