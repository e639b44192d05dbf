export {
  startThrowawayZooKeeper,
  isZooKeeperInstalled,
  freePort,
  fourLetterWord,
  ZooKeeperUnavailableError,
  DEFAULT_ZOOKEEPER_JAR,
} from './throwaway-zookeeper';
export type { ThrowawayZooKeeper, ThrowawayZooKeeperOptions } from './throwaway-zookeeper';
