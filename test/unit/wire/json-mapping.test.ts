/**
 * The Mesos JSON rules that matter beyond the golden fixtures: 64-bit
 * precision, unknown types and enum values, absent defaults.
 */
import {
  decodeExecutorEvent,
  decodeMessage,
  decodeSchedulerEvent,
  encodeExecutorEvent,
  encodeMessage,
  encodeSchedulerCall,
  encodeSchedulerEvent,
  isKnownSchedulerEvent,
  isUpdate,
  mesos,
  schedulerCalls,
  WireDecodeError,
  WireEncodeError,
} from '../../../src/wire';
import { utf8 } from '../../fixtures/wire/hex';

const textOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('64-bit integers', () => {
  const json =
    '{"type":"UPDATE","update":{"status":{"task_id":{"value":"t1"},"state":"TASK_UNREACHABLE","unreachable_time":{"nanoseconds":1700000000123456789}}}}';

  it('keeps unreachable_time.nanoseconds above 2^53 exact, as a decimal string', () => {
    const event = decodeSchedulerEvent(utf8(json), 'json');
    expect(event.update?.status.unreachable_time?.nanoseconds).toBe('1700000000123456789');
    expect(textOf(encodeSchedulerEvent(event, 'json'))).toBe(json);
  });

  it('round-trips the same value through protobuf', () => {
    const event = decodeSchedulerEvent(utf8(json), 'json');
    const again = decodeSchedulerEvent(encodeSchedulerEvent(event, 'protobuf'), 'protobuf');
    expect(again).toStrictEqual(event);
  });

  it('uses a number for safe values and accepts number, string, bigint on encode', () => {
    const time = decodeMessage('mesos.v1.TimeInfo', utf8('{"nanoseconds":"42"}'), 'json');
    expect(time).toStrictEqual({ nanoseconds: 42 });
    for (const nanoseconds of [42, '42', 42n]) {
      expect(textOf(encodeMessage('mesos.v1.TimeInfo', { nanoseconds }, 'json'))).toBe('{"nanoseconds":42}');
      expect(hexOf(encodeMessage('mesos.v1.TimeInfo', { nanoseconds }, 'protobuf'))).toBe('082a');
    }
  });

  it('keeps negative and unsigned extremes', () => {
    const min = '-9223372036854775808';
    expect(decodeMessage('mesos.v1.TimeInfo', encodeMessage('mesos.v1.TimeInfo', { nanoseconds: min }, 'protobuf'), 'protobuf')).toStrictEqual({
      nanoseconds: min,
    });
    const range = { begin: 0, end: '18446744073709551615' };
    expect(decodeMessage('mesos.v1.Value.Range', encodeMessage('mesos.v1.Value.Range', range, 'protobuf'), 'protobuf')).toStrictEqual(range);
    expect(textOf(encodeMessage('mesos.v1.Value.Range', range, 'json'))).toBe('{"begin":0,"end":18446744073709551615}');
  });

  it('refuses out-of-range and fractional values', () => {
    expect(() => encodeMessage('mesos.v1.TimeInfo', { nanoseconds: 1.5 }, 'json')).toThrow(WireEncodeError);
    expect(() => encodeMessage('mesos.v1.Value.Range', { begin: -1, end: 0 }, 'protobuf')).toThrow(WireEncodeError);
    expect(() => decodeMessage('mesos.v1.TimeInfo', utf8('{"nanoseconds":9223372036854775808}'), 'json')).toThrow(WireDecodeError);
  });
});

describe('unknown types and values', () => {
  it('decodes a JSON event of an unknown type as an event without a known type', () => {
    const event = decodeSchedulerEvent(utf8('{"type":"SOMETHING_NEW","something_new":{"x":1}}'), 'json');
    expect(event).toStrictEqual({});
    expect(isKnownSchedulerEvent(event)).toBe(false);
  });

  it('drops an unknown enum name in an optional field, as Mesos does', () => {
    const event = decodeSchedulerEvent(
      utf8('{"type":"UPDATE","update":{"status":{"task_id":{"value":"t1"},"state":"TASK_RUNNING","reason":"REASON_FROM_THE_FUTURE"}}}'),
      'json',
    );
    expect(isUpdate(event)).toBe(true);
    expect(event.update?.status).toStrictEqual({ task_id: { value: 't1' }, state: mesos.v1.TaskState.TASK_RUNNING });
  });

  it('keeps an unknown event type number and unknown fields of a protobuf event, and re-encodes them', () => {
    // Event.type (1, varint) = 99; then an unknown field 50 (len) of 1 byte: tag 50 << 3 | 2 = 402 = varint 92 03.
    const bytes = Buffer.from('0863' + '9203' + '01' + '78', 'hex');
    const event = decodeSchedulerEvent(bytes, 'protobuf');
    expect(event).toStrictEqual({ type: 99 });
    expect(isKnownSchedulerEvent(event)).toBe(false);
    expect(hexOf(encodeSchedulerEvent(event, 'protobuf'))).toBe('086392030178');
  });

  it('keeps unknown enum numbers, even in a required field', () => {
    // TaskStatus: task_id (1) {value "t1"}, state (2) = 42 (unknown), reason (10) = 77 (unknown).
    const bytes = Buffer.from('0a040a027431' + '102a' + '504d', 'hex');
    const status = decodeMessage('mesos.v1.TaskStatus', bytes, 'protobuf');
    expect(status).toStrictEqual({ task_id: { value: 't1' }, state: 42, reason: 77 });
    expect(hexOf(encodeMessage('mesos.v1.TaskStatus', status, 'protobuf'))).toBe(hexOf(bytes));
  });

  it('cannot write an unknown enum number as JSON and says so', () => {
    expect(() => encodeMessage('mesos.v1.TaskStatus', { task_id: { value: 't' }, state: 99 }, 'json')).toThrow(
      /JSON carries enum names only/,
    );
  });
});

describe('defaults never leak', () => {
  it('writes no role next to MULTI_ROLE roles', () => {
    const call = schedulerCalls.subscribe({
      user: 'svc',
      name: 'fw',
      roles: ['web'],
      capabilities: [{ type: mesos.v1.FrameworkInfo.Capability.Type.MULTI_ROLE }],
    });
    const json = textOf(encodeSchedulerCall(call, 'json'));
    expect(json).not.toContain('"role"');
    expect(json).not.toContain('"*"');
    expect(json).not.toContain('principal');
    expect(json).not.toContain('failover_timeout');
  });

  it('writes no shell key for a CommandInfo without shell', () => {
    const json = textOf(encodeMessage('mesos.v1.CommandInfo', { value: 'echo hi' }, 'json'));
    expect(json).toBe('{"value":"echo hi"}');
  });

  it('decodes to plain objects without prototype defaults', () => {
    const bytes = encodeSchedulerCall(schedulerCalls.subscribe({ user: 'u', name: 'n' }), 'protobuf');
    const info = decodeMessage<{ subscribe: { framework_info: Record<string, unknown> } }>(
      'mesos.v1.scheduler.Call',
      bytes,
      'protobuf',
    ).subscribe.framework_info;
    expect(Object.getPrototypeOf(info)).toBe(Object.prototype);
    expect(info).toStrictEqual({ user: 'u', name: 'n' });
    expect(info.role).toBeUndefined();
    expect(info.failover_timeout).toBeUndefined();
  });

  it('tells an absent uuid from a present one', () => {
    const without = decodeMessage('mesos.v1.TaskStatus', Buffer.from('0a040a0274311001', 'hex'), 'protobuf');
    expect('uuid' in without).toBe(false);
  });
});

describe('Mesos JSON input leniency', () => {
  it('accepts numbers as strings, "Infinity" doubles, string booleans and ignores unknown keys and nulls', () => {
    const limits = decodeMessage(
      'mesos.v1.TaskInfo',
      utf8(
        '{"name":"n","task_id":{"value":"t"},"agent_id":{"value":"a"},"limits":{"cpus":{"value":"Infinity"}},"data":null,"bogus":[1,2],' +
          '"health_check":{"consecutive_failures":"3","delay_seconds":"1.5"},"command":{"shell":"false"}}',
      ),
      'json',
    );
    expect(limits).toStrictEqual({
      name: 'n',
      task_id: { value: 't' },
      agent_id: { value: 'a' },
      command: { shell: false },
      health_check: { delay_seconds: 1.5, consecutive_failures: 3 },
      limits: { cpus: { value: Infinity } },
    });
    expect(textOf(encodeMessage('mesos.v1.Value.Scalar', { value: -Infinity }, 'json'))).toBe('{"value":"-Infinity"}');
  });

  it('refuses an enum given as a number, as Mesos does', () => {
    expect(() => decodeSchedulerEvent(utf8('{"type":8}'), 'json')).toThrow(WireDecodeError);
  });

  it('refuses a missing required field with its path', () => {
    try {
      decodeSchedulerEvent(utf8('{"type":"UPDATE","update":{"status":{"task_id":{"value":"t"}}}}'), 'json');
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(WireDecodeError);
      expect((err as WireDecodeError).details.path).toBe('update.status.state');
    }
  });

  it('refuses malformed JSON, invalid UTF-8 and bad base64 with WireDecodeError', () => {
    for (const bad of ['{"type":', '[]', '{"type":"UPDATE"} x', '{"error":{"message":"a\u0001"}}']) {
      expect(() => decodeSchedulerEvent(utf8(bad), 'json')).toThrow(WireDecodeError);
    }
    expect(() => decodeSchedulerEvent(new Uint8Array([0x7b, 0xff, 0x7d]), 'json')).toThrow(WireDecodeError);
    expect(() => decodeMessage('mesos.v1.UUID', utf8('{"value":"not base64!"}'), 'json')).toThrow(WireDecodeError);
  });

  it('reads JSON escapes and surrogate pairs', () => {
    expect(decodeMessage('mesos.v1.Label', utf8('{"key":"a\\"b\\u00e9\\ud83d\\ude80\\n"}'), 'json')).toStrictEqual({
      key: 'a"bé🚀\n',
    });
  });
});

describe('encoding errors', () => {
  it('names the path of a missing required field', () => {
    expect(() => encodeSchedulerCall({ type: 8, framework_id: { value: 'f' }, acknowledge: { agent_id: { value: 'a' }, task_id: { value: 't' } } as never }, 'protobuf')).toThrow(
      /acknowledge\.uuid is required/,
    );
  });

  it('refuses text where bytes are expected, so text is never taken for base64', () => {
    expect(() => encodeMessage('mesos.v1.UUID', { value: 'AAEC' }, 'protobuf')).toThrow(WireEncodeError);
    expect(() => encodeMessage('mesos.v1.UUID', { value: 'AAEC' }, 'json')).toThrow(WireEncodeError);
  });

  it('accepts enum names in plain messages', () => {
    expect(hexOf(encodeMessage('mesos.v1.scheduler.Event', { type: 'HEARTBEAT' }, 'protobuf'))).toBe('0808');
  });
});

describe('executor events', () => {
  it('decode the same from JSON and protobuf and round-trip', () => {
    const json =
      '{"type":"ACKNOWLEDGED","acknowledged":{"task_id":{"value":"t1"},"uuid":"ABEiM0RVRneImaq7zN3u/w=="}}';
    // Event.type (1) = 4 ACKNOWLEDGED; acknowledged (3, len) 24: task_id (1) {value "t1"}, uuid (2, len) 16.
    const bytes = Buffer.from('0804' + '1a18' + '0a040a027431' + '1210' + '00112233445546778899aabbccddeeff', 'hex');
    const fromJson = decodeExecutorEvent(utf8(json), 'json');
    expect(decodeExecutorEvent(bytes, 'protobuf')).toStrictEqual(fromJson);
    expect(textOf(encodeExecutorEvent(fromJson, 'json'))).toBe(json);
    expect(hexOf(encodeExecutorEvent(fromJson, 'protobuf'))).toBe(hexOf(bytes));
  });

  it('decode a SUBSCRIBED whose AgentInfo carries no port (the default is not filled in)', () => {
    const event = decodeExecutorEvent(
      utf8(
        '{"type":"SUBSCRIBED","subscribed":{"executor_info":{"executor_id":{"value":"e1"}},"framework_info":{"user":"u","name":"n"},"agent_info":{"hostname":"h"}}}',
      ),
      'json',
    );
    expect(event.subscribed?.agent_info).toStrictEqual({ hostname: 'h' });
  });
});
