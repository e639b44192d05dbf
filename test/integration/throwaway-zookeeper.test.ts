import { fourLetterWord } from '../../src/localzk';
import { useZooKeeper } from '../helpers/zookeeper';

describe('throwaway ZooKeeper', () => {
  const zk = useZooKeeper();

  it('serves on a loopback port', async () => {
    const answer = await fourLetterWord(zk.server.port, 'srvr');
    expect(answer).toContain('Mode: standalone');
    expect(zk.connectString).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});
