import {
  DurationParseError,
  masterAddress,
  masterSchedulerUrl,
  MasterInfoError,
  parseDurationMs,
  parseMasterInfoJson,
  unpackIpv4,
} from '../../../src/wire';

describe('parseDurationMs', () => {
  it.each([
    ['5secs', 5000],
    ['1.5mins', 90_000],
    ['15mins', 900_000],
    ['1500ms', 1500],
    ['2hrs', 7_200_000],
    ['1days', 86_400_000],
    ['2weeks', 1_209_600_000],
    ['250us', 0.25],
    ['1000000ns', 1],
    [' 2secs\n', 2000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '5', 'secs', '5 secs', '5s', '-5secs', '5secs5', 'NaNsecs', '1e3ms'])('refuses %j', (text) => {
    expect(() => parseDurationMs(text)).toThrow(DurationParseError);
  });
});

// The example of docs/mesos-http-api.md §6.2.
const zkEntry =
  '{"address":{"hostname":"m1.example.com","ip":"10.0.0.1","port":5050},' +
  '"capabilities":[{"type":"AGENT_UPDATE"},{"type":"AGENT_DRAINING"},{"type":"QUOTA_V2"}],' +
  '"domain":{"fault_domain":{"region":{"name":"us-east"},"zone":{"name":"us-east-1a"}}},' +
  '"hostname":"m1.example.com","id":"8f9c2c5e-5b7b-4c0e-9d8e-6a1f3c2b1a00",' +
  '"ip":16777226,"pid":"master@10.0.0.1:5050","port":5050,"version":"1.12.0"}';

describe('master info', () => {
  it('parses a ZooKeeper json.info entry and builds the scheduler URL from address.ip', () => {
    const info = parseMasterInfoJson(zkEntry);
    expect(info.id).toBe('8f9c2c5e-5b7b-4c0e-9d8e-6a1f3c2b1a00');
    expect(info.capabilities).toHaveLength(3);
    expect(masterSchedulerUrl(info)).toBe('http://10.0.0.1:5050/api/v1/scheduler');
    expect(masterSchedulerUrl(info, { scheme: 'https' })).toBe('https://10.0.0.1:5050/api/v1/scheduler');
  });

  it('falls back to the packed ip, then to the pid', () => {
    expect(unpackIpv4(16777226)).toBe('10.0.0.1');
    expect(masterAddress({ id: 'x', ip: 16777226, port: 5051 })).toStrictEqual({ host: '10.0.0.1', port: 5051 });
    expect(masterAddress({ id: 'x', ip: 0, port: 5050, pid: 'master@10.0.0.7:5052' })).toStrictEqual({ host: '10.0.0.7', port: 5052 });
  });

  it('brackets IPv6 hosts', () => {
    expect(masterSchedulerUrl({ id: 'x', ip: 0, port: 5050, address: { ip: '::1', port: 5050 } })).toBe('http://[::1]:5050/api/v1/scheduler');
  });

  it('refuses entries that are not a MasterInfo or have no address', () => {
    expect(() => parseMasterInfoJson('master@10.0.0.1:5050')).toThrow(MasterInfoError);
    expect(() => parseMasterInfoJson('{"ip":1,"port":5050}')).toThrow(MasterInfoError);
    expect(() => masterAddress({ id: 'x', ip: 0, port: 5050 })).toThrow(MasterInfoError);
  });
});
