/**
 * The Java README's `SchedulerMain`.
 *
 * What changed for the better:
 * - `run()` returns a promise and `stop()` leaves the election at once, so a
 *   standby takes over without waiting for a session to expire.
 * - A ZooKeeper session loss makes the leader stop acting at once, and every
 *   write is fenced by an epoch (Java kept acting as leader, unversioned).
 * - A bad config fails in the constructor with the field and the form it
 *   expects (Java busy-waited and carried on unconnected).
 */
import { MesosAppFramework, type SchedulerConfig } from '../../src';
import { MyApplication } from './my-application';
import { MyFrameworkListener } from './my-framework-listener';
import { MyNode } from './my-node';

const schedulerConfig: SchedulerConfig = {
  zooKeeperInfo: {
    address: 'my-zookeeper-ip-list:2181',
    rootNode: '/framework-root-zk-node-name',
  },
  mesosInfo: {
    address: 'zk://my-zookeeper-ip-list:2181/mesos',
  },
  frameworkName: 'my-framework',
};

const myFramework = new MyFrameworkListener();
// `types` names the subclasses a new leader rebuilds restored apps and nodes as.
const framework = new MesosAppFramework(schedulerConfig, myFramework, { types: [MyApplication, MyNode] });
process.once('SIGTERM', () => void framework.stop());
framework.run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
