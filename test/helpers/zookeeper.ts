/**
 * A real ZooKeeper for a test file: `const zk = useZooKeeper()` at the top of a
 * describe block starts one before the tests and stops it after.
 */
import { startThrowawayZooKeeper, type ThrowawayZooKeeper, type ThrowawayZooKeeperOptions } from '../../src/localzk';

export function useZooKeeper(options: ThrowawayZooKeeperOptions = {}): { readonly server: ThrowawayZooKeeper; readonly connectString: string } {
  let server: ThrowawayZooKeeper | undefined;
  beforeAll(async () => {
    server = await startThrowawayZooKeeper(options);
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  }, 30_000);
  return {
    get server() {
      if (!server) throw new Error('ZooKeeper not started yet: use it inside a test or a beforeAll');
      return server;
    },
    get connectString() {
      if (!server) throw new Error('ZooKeeper not started yet: use it inside a test or a beforeAll');
      return server.connectString;
    },
  };
}
