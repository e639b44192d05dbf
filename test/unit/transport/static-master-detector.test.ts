import { StaticMasterDetector, createMasterDetector, ZooKeeperMasterDetector } from '../../../src/transport';
import { ManualClock } from '../../../src/util';
import { FakeMaster, answer } from './fake-master';

describe('StaticMasterDetector', () => {
  let masters: FakeMaster[];
  let detector: StaticMasterDetector | undefined;

  beforeEach(async () => {
    masters = await Promise.all([FakeMaster.start(), FakeMaster.start(), FakeMaster.start()]);
  });

  afterEach(async () => {
    await detector?.stop();
    await Promise.all(masters.map((m) => m.close()));
  });

  it('asks the masters in turn, treats 503 as an election in progress and follows the 307 to the leader', async () => {
    const [m1, m2, m3] = masters as [FakeMaster, FakeMaster, FakeMaster];
    detector = new StaticMasterDetector({ masters: [m1.hostPort, m2.url], clock: new ManualClock() });
    const leader = detector.nextLeader();
    await detector.start();
    const probe1 = await m1.next();
    expect([probe1.method, probe1.path]).toEqual(['GET', '/redirect']);
    answer(probe1.res, 503, 'No leader elected');
    const probe2 = await m2.next();
    answer(probe2.res, 307, '', { location: `//${m3.hostPort}` });
    expect(await leader).toBe(m3.url);
    expect(detector.leader).toBe(m3.url);
  });

  it('reports noLeader after a round without one and tries again after retryDelayMs', async () => {
    const [m1] = masters as [FakeMaster];
    const clock = new ManualClock();
    detector = new StaticMasterDetector({ masters: [m1.url], clock, retryDelayMs: 2_000 });
    const noLeader = new Promise<void>((resolve) => detector!.onNoLeader(resolve));
    await detector.start();
    answer((await m1.next()).res, 503);
    await noLeader;
    const leader = detector.nextLeader();
    clock.advance(2_000);
    answer((await m1.next()).res, 307, '', { location: `//${m1.hostPort}/master/api/v1/scheduler` });
    expect(await leader).toBe(m1.url);
  });

  it('takes a master without /redirect as the candidate itself', async () => {
    const [m1] = masters as [FakeMaster];
    detector = new StaticMasterDetector({ masters: [m1.url], clock: new ManualClock() });
    await detector.start();
    answer((await m1.next()).res, 404);
    expect(await detector.nextLeader()).toBe(m1.url);
  });
});

describe('createMasterDetector', () => {
  it('picks the detector from the setting', () => {
    expect(createMasterDetector('zk://zk1:2181/mesos')).toBeInstanceOf(ZooKeeperMasterDetector);
    expect(createMasterDetector('m1:5050,m2:5050')).toBeInstanceOf(StaticMasterDetector);
    expect(() => createMasterDetector('zk://zk1/mesos')).toThrow(expect.objectContaining({ code: 'CATAPULT_INVALID_ZK_URL' }));
  });
});
