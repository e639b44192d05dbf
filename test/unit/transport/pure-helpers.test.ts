import {
  HeartbeatWatchdog,
  InvalidZkUrlError,
  heartbeatTimeoutMs,
  masterUrlFromZnode,
  parseContender,
  parseZkUrl,
  pickLeader,
  resolveRedirect,
  schedulerEndpoint,
} from '../../../src/transport';
import { ManualClock } from '../../../src/util';

describe('resolveRedirect', () => {
  const current = 'http://m1:5050/api/v1/scheduler';

  it('takes host and port from a protocol-relative Location and keeps our scheme and path', () => {
    expect(resolveRedirect(current, '//m2.example.com:5051/master/api/v1/scheduler')).toBe('http://m2.example.com:5051/api/v1/scheduler');
    expect(resolveRedirect('https://m1:5050/api/v1/scheduler', '//m2:5050/master/api/v1/scheduler')).toBe('https://m2:5050/api/v1/scheduler');
    expect(resolveRedirect(current, '//m3:5050')).toBe('http://m3:5050/api/v1/scheduler');
  });

  it('accepts the absolute form of old masters', () => {
    expect(resolveRedirect(current, 'http://10.0.0.2:5050/master/api/v1/scheduler')).toBe('http://10.0.0.2:5050/api/v1/scheduler');
  });

  it.each([undefined, '', '//'])('rejects an unusable Location %j with a typed error', (location) => {
    expect(() => resolveRedirect(current, location)).toThrow(expect.objectContaining({ code: 'CATAPULT_MESOS_BAD_REDIRECT' }));
  });
});

describe('schedulerEndpoint', () => {
  it.each([
    ['m1:5050', 'http://m1:5050/api/v1/scheduler'],
    ['http://m1:5050', 'http://m1:5050/api/v1/scheduler'],
    ['https://m1:5050/', 'https://m1:5050/api/v1/scheduler'],
    ['http://m1:5050/master/api/v1/scheduler', 'http://m1:5050/master/api/v1/scheduler'],
  ])('%s → %s', (input, output) => expect(schedulerEndpoint(input)).toBe(output));
});

describe('parseZkUrl', () => {
  it('splits servers, path and digest credentials', () => {
    expect(parseZkUrl('zk://zk1:2181,zk2:2181,zk3:2181/mesos')).toEqual({ connectString: 'zk1:2181,zk2:2181,zk3:2181', path: '/mesos' });
    expect(parseZkUrl('zk://user:p%40ss@10.0.0.1:2181/a/b/')).toEqual({ connectString: '10.0.0.1:2181', path: '/a/b', auth: { user: 'user', password: 'p@ss' } });
    expect(parseZkUrl('zk://zk1:2181')).toEqual({ connectString: 'zk1:2181', path: '/' });
  });

  it.each([
    ['http://zk1:2181/mesos', 'must start with zk://'],
    ['zk:///mesos', 'server list is empty'],
    ['zk://zk1/mesos', 'is not host:port'],
    ['zk://zk1:99999/mesos', 'is not host:port'],
    ['zk://@zk1:2181/mesos', 'credentials must be user:password@'],
    ['zk://zk1:2181//mesos', 'is not a znode path'],
  ])('rejects %s, saying what is wrong and the expected format', (url, problem) => {
    let err: unknown;
    try {
      parseZkUrl(url);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidZkUrlError);
    expect(err).toMatchObject({ code: 'CATAPULT_INVALID_ZK_URL' });
    expect((err as Error).message).toContain(problem);
    expect((err as Error).message).toContain('zk://[user:password@]host1:port1');
  });
});

describe('leader selection among znodes', () => {
  it('parses contenders by the last _ token and skips the rest', () => {
    expect(parseContender('json.info_0000000042')).toEqual({ name: 'json.info_0000000042', label: 'json.info', sequence: 42 });
    expect(parseContender('log_replicas')).toBeUndefined();
    expect(parseContender('json.info_')).toBeUndefined();
    expect(parseContender('0000000001')).toBeUndefined();
  });

  it('picks the numerically lowest json.info sequence', () => {
    expect(pickLeader(['json.info_0000000010', 'log_replicas', 'json.info_0000000009', 'info_0000000001', 'garbage'])?.name).toBe('json.info_0000000009');
    expect(pickLeader(['json.info_100', 'json.info_99'])?.sequence).toBe(99);
    expect(pickLeader(['log_replicas'])).toBeUndefined();
  });
});

describe('masterUrlFromZnode', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('prefers address.ip and address.port', () => {
    const info = { id: 'x', ip: 16777226, port: 5050, pid: 'master@10.0.0.1:5050', hostname: 'm1.example.com', address: { hostname: 'm1.example.com', ip: '10.0.0.7', port: 5055 } };
    expect(masterUrlFromZnode(encode(info))).toBe('http://10.0.0.7:5055/api/v1/scheduler');
    expect(masterUrlFromZnode(encode(info), 'https')).toBe('https://10.0.0.7:5055/api/v1/scheduler');
  });

  it('falls back to the packed ip, then the pid', () => {
    expect(masterUrlFromZnode(encode({ id: 'x', ip: 16777226, port: 5050 }))).toBe('http://10.0.0.1:5050/api/v1/scheduler');
    expect(masterUrlFromZnode(encode({ id: 'x', ip: 0, port: 5050, pid: 'master@10.0.0.3:5052' }))).toBe('http://10.0.0.3:5052/api/v1/scheduler');
  });

  it('rejects data that is not a MasterInfo with a typed error', () => {
    expect(() => masterUrlFromZnode(Buffer.from('master@10.0.0.1:5050'))).toThrow(expect.objectContaining({ code: 'CATAPULT_MASTER_INFO_INVALID' }));
  });
});

describe('HeartbeatWatchdog', () => {
  it('fires once after the timeout of silence, and not while alive() keeps coming', () => {
    const clock = new ManualClock();
    const silences: number[] = [];
    const watchdog = new HeartbeatWatchdog({ clock, timeoutMs: 1_000, onSilence: (ms) => silences.push(ms) });
    clock.advance(900);
    watchdog.alive();
    clock.advance(900);
    expect(silences).toEqual([]);
    clock.advance(100);
    expect(silences).toEqual([1_000]);
    clock.advance(10_000);
    expect(silences).toEqual([1_000]);
  });

  it('stop() cancels it', () => {
    const clock = new ManualClock();
    const fired = jest.fn();
    new HeartbeatWatchdog({ clock, timeoutMs: 1_000, onSilence: fired }).stop();
    clock.advance(5_000);
    expect(fired).not.toHaveBeenCalled();
    expect(clock.pending).toBe(0);
  });

  it('computes the limit from heartbeat_interval_seconds', () => {
    expect(heartbeatTimeoutMs(15)).toBe(75_000);
    expect(heartbeatTimeoutMs(15, 3)).toBe(45_000);
    expect(heartbeatTimeoutMs(undefined)).toBe(75_000);
    expect(heartbeatTimeoutMs(0.5)).toBe(2_500);
  });
});
