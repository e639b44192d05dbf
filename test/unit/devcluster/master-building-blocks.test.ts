/**
 * The master's pure building blocks: resource arithmetic in thousandths,
 * the agent flag text forms, content negotiation, call validation, zk URLs
 * and UUID checks.
 */
import { mesos } from '../../../proto/gen/mesos';
import { callError } from '../../../src/devcluster/master/call-validation';
import { isValidUuidBytes, randomUuidBytes } from '../../../src/devcluster/master/ids';
import { accepts, requestEncoding, streamEncoding } from '../../../src/devcluster/master/media-types';
import { packIpv4 } from '../../../src/devcluster/master/master-info';
import { refuseMs } from '../../../src/devcluster/master/offer-allocator';
import { Resources } from '../../../src/devcluster/master/resource-math';
import { parseAttributes, parseResources } from '../../../src/devcluster/master/resource-text';
import { agentResourcesFromText } from '../../../src/devcluster/master/agent-flags';
import { parseZkUrl } from '../../../src/devcluster/master/zk-url';
import { seededRandom } from '../../../src/util/random';

const T = mesos.v1.scheduler.Call.Type;

describe('resource arithmetic', () => {
  const agent = Resources.from(parseResources('cpus:1;mem:128;ports:[31000-31009]'));

  it('splits scalars without floating-point drift', () => {
    let left = agent;
    for (let i = 0; i < 10; i++) left = left.minus(Resources.from(parseResources('cpus:0.1')));
    expect(left.scalarMilli('cpus')).toBe(0);
    expect(Resources.from(parseResources('cpus:0.1')).plus(Resources.from(parseResources('cpus:0.2'))).scalarMilli('cpus')).toBe(300);
  });

  it('subtracts and checks containment of ranges', () => {
    const used = Resources.from(parseResources('ports:[31002-31003]'));
    const left = agent.minus(used);
    expect(left.toString()).toBe('cpus:1;mem:128;ports:[31000-31001,31004-31009]');
    expect(left.contains(used)).toBe(false);
    expect(agent.contains(Resources.from(parseResources('cpus:1;ports:[31009-31009]')))).toBe(true);
    expect(agent.contains(Resources.from(parseResources('cpus:1.001')))).toBe(false);
  });

  it('ignores allocation info in identity and stamps it on output', () => {
    const offered = agent.toProto('web');
    expect(offered.every((r) => r.allocation_info?.role === 'web')).toBe(true);
    expect(Resources.from(offered).contains(agent)).toBe(true);
  });

  it('keeps resources reserved to other roles away from a role', () => {
    const mixed = Resources.from(parseResources('cpus:1;cpus(db):2'));
    expect(mixed.allocatableTo('web').scalarMilli('cpus')).toBe(1000);
    expect(mixed.allocatableTo('db').scalarMilli('cpus')).toBe(3000);
  });
});

describe('agent flag text', () => {
  it('parses resources and attributes in the mesos-agent forms', () => {
    expect(agentResourcesFromText('cpus:4;mem:8192;disk:10000;ports:[31000-32000]')).toEqual({ cpus: 4, mem: 8192, disk: 10000, ports: [[31000, 32000]] });
    expect(parseAttributes('rack:r1;size:3;ids:{a,b}')).toEqual([
      { name: 'rack', type: mesos.v1.Value.Type.TEXT, text: { value: 'r1' } },
      { name: 'size', type: mesos.v1.Value.Type.SCALAR, scalar: { value: 3 } },
      { name: 'ids', type: mesos.v1.Value.Type.SET, set: { item: ['a', 'b'] } },
    ]);
  });

  it('names the option and the expected form on bad input', () => {
    expect(() => parseResources('cpus=4')).toThrow(expect.objectContaining({ code: 'CATAPULT_DEVCLUSTER_INVALID_OPTION', message: expect.stringContaining('expected "name:value;..."') }));
    expect(() => parseResources('ports:[5-1]')).toThrow(/Invalid resources/);
    expect(() => agentResourcesFromText('widgets:3')).toThrow(/only cpus, mem, disk and gpus/);
  });
});

describe('content negotiation', () => {
  it('compares Content-Type exactly', () => {
    expect(requestEncoding('application/json')).toBe('json');
    expect(requestEncoding('application/x-protobuf')).toBe('protobuf');
    expect(() => requestEncoding('application/json; charset=utf-8')).toThrow(expect.objectContaining({ status: 415 }));
    expect(() => requestEncoding(undefined)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('prefers JSON when acceptable and honours q-values', () => {
    expect(streamEncoding(undefined)).toBe('json');
    expect(streamEncoding('*/*')).toBe('json');
    expect(streamEncoding('application/x-protobuf')).toBe('protobuf');
    expect(streamEncoding('application/json;q=0, application/*')).toBe('protobuf');
    expect(accepts('text/html', 'application/json')).toBe(false);
    expect(() => streamEncoding('text/html')).toThrow(expect.objectContaining({ status: 406 }));
  });
});

describe('call validation', () => {
  it('words envelope errors as Mesos does', () => {
    expect(callError({})).toBe("Expecting 'type' to be present");
    expect(callError({ type: T.DECLINE, framework_id: { value: 'f' } })).toBe("Expecting 'decline' to be present");
    expect(callError({ type: T.REVIVE })).toBe("Expecting 'framework_id' to be present");
    expect(callError({ type: T.REVIVE, framework_id: { value: 'f' } })).toBeUndefined();
    expect(callError({ type: T.SUBSCRIBE, framework_id: { value: 'f' }, subscribe: { framework_info: { user: 'u', name: 'n' } } })).toBe(
      "'framework_id' differs from 'subscribe.framework_info.id'",
    );
    expect(callError({ type: T.SUBSCRIBE, subscribe: { framework_info: { user: 'u' } as mesos.v1.IFrameworkInfo } })).toBe('Not initialized: subscribe.framework_info.name');
  });

  it('accepts only 16-byte UUIDs with a known version', () => {
    expect(isValidUuidBytes(randomUuidBytes(seededRandom(1)))).toBe(true);
    expect(isValidUuidBytes(new Uint8Array(16))).toBe(false);
    expect(isValidUuidBytes(new Uint8Array(15))).toBe(false);
  });
});

describe('small master facts', () => {
  it('clamps refuse_seconds as Mesos does', () => {
    expect(refuseMs(undefined)).toBe(5000);
    expect(refuseMs({ refuse_seconds: -1 })).toBe(5000);
    expect(refuseMs({ refuse_seconds: 0 })).toBe(0);
    expect(refuseMs({ refuse_seconds: 1e12 })).toBe(31_536_000_000);
  });

  it('packs IPv4 little-endian', () => {
    expect(packIpv4('10.0.0.1')).toBe(16777226);
  });

  it('parses zk:// URLs', () => {
    expect(parseZkUrl('zk://u:p@zk1:2181,zk2:2181/mesos')).toEqual({ servers: 'zk1:2181,zk2:2181', path: '/mesos', auth: { user: 'u', password: 'p' } });
    expect(parseZkUrl('zk://127.0.0.1:2181').path).toBe('/');
    expect(() => parseZkUrl('http://x:1/mesos')).toThrow(/zk:\/\/\[user:password@\]host:port/);
  });
});
