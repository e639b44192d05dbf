import { MESOS_HTTP_ERROR_CODES, MesosHttpError } from '../../../src/transport';
import { CatapultError } from '../../../src/util';

const error = (status: number, body = '', callType = 'ACCEPT') => new MesosHttpError({ status, body, callType, url: 'http://m:5050/api/v1/scheduler' });

describe('the Mesos HTTP status table', () => {
  it.each([
    [307, '', 'CATAPULT_MESOS_NOT_LEADER', 'resubscribe'],
    [400, 'Failed to parse body', 'CATAPULT_MESOS_BAD_REQUEST', 'fatal'],
    [400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header", 'CATAPULT_MESOS_STALE_STREAM', 'resubscribe'],
    [400, "The stream ID 'x' included in this request didn't match the stream ID currently associated with framework ID f", 'CATAPULT_MESOS_STALE_STREAM', 'resubscribe'],
    [400, 'Framework cannot be found', 'CATAPULT_MESOS_FRAMEWORK_NOT_FOUND', 'resubscribe'],
    [401, '', 'CATAPULT_MESOS_UNAUTHORIZED', 'fatal'],
    [403, 'Framework is not subscribed', 'CATAPULT_MESOS_NOT_SUBSCRIBED', 'resubscribe'],
    [403, 'Not authorized to update framework', 'CATAPULT_MESOS_FORBIDDEN', 'fatal'],
    [404, '', 'CATAPULT_MESOS_NOT_READY', 'retry'],
    [405, '', 'CATAPULT_MESOS_METHOD_NOT_ALLOWED', 'fatal'],
    [406, '', 'CATAPULT_MESOS_NOT_ACCEPTABLE', 'fatal'],
    [409, '', 'CATAPULT_MESOS_FRAMEWORK_GONE', 'fatal'],
    [415, '', 'CATAPULT_MESOS_UNSUPPORTED_MEDIA_TYPE', 'fatal'],
    [500, '', 'CATAPULT_MESOS_INTERNAL_ERROR', 'retry'],
    [501, '', 'CATAPULT_MESOS_NOT_IMPLEMENTED', 'fatal'],
    [502, '', 'CATAPULT_MESOS_SERVER_ERROR', 'retry'],
    [503, 'Master has not finished recovery', 'CATAPULT_MESOS_UNAVAILABLE', 'retry'],
    [418, '', 'CATAPULT_MESOS_UNEXPECTED_STATUS', 'fatal'],
  ])('%i %j → %s (%s)', (status, body, code, disposition) => {
    const err = error(status, body);
    expect(err.code).toBe(code);
    expect(err.disposition).toBe(disposition);
    expect(err.isTemporary()).toBe(disposition === 'retry');
    expect(err.isSubscriptionLoss()).toBe(disposition === 'resubscribe');
    expect(err.isFatal()).toBe(disposition === 'fatal');
    expect(MESOS_HTTP_ERROR_CODES).toContain(code);
  });

  it('carries the status, the call type and the plain-text body, and says what to do', () => {
    const err = error(400, 'Not a valid UUID', 'ACKNOWLEDGE');
    expect(err).toBeInstanceOf(CatapultError);
    expect(err).toMatchObject({ status: 400, callType: 'ACKNOWLEDGE', body: 'Not a valid UUID', details: { status: 400, callType: 'ACKNOWLEDGE' } });
    expect(err.message).toBe('ACKNOWLEDGE to http://m:5050/api/v1/scheduler failed with HTTP 400: Not a valid UUID (the master rejected the call as malformed; fix the call)');
  });

  it('cuts very long bodies', () => {
    expect(error(500, 'x'.repeat(10_000)).body.length).toBeLessThan(5_000);
  });
});
