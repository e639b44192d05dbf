import { AGENT_HTTP_ERROR_CODES, AgentConnectionError, AgentHttpError } from '../../../src/executor';
import { CatapultError } from '../../../src/util';

const at = (status: number, body = '') => new AgentHttpError({ status, body, callType: 'UPDATE', url: 'http://a:5051/api/v1/executor' });

describe('AgentHttpError', () => {
  it.each([
    [400, 'CATAPULT_AGENT_BAD_REQUEST', 'fatal'],
    [401, 'CATAPULT_AGENT_UNAUTHORIZED', 'fatal'],
    [403, 'CATAPULT_AGENT_FORBIDDEN', 'fatal'],
    [404, 'CATAPULT_AGENT_NOT_READY', 'retry'],
    [415, 'CATAPULT_AGENT_UNSUPPORTED_MEDIA_TYPE', 'fatal'],
    [500, 'CATAPULT_AGENT_INTERNAL_ERROR', 'retry'],
    [502, 'CATAPULT_AGENT_SERVER_ERROR', 'retry'],
    [503, 'CATAPULT_AGENT_RECOVERING', 'retry'],
    [418, 'CATAPULT_AGENT_UNEXPECTED_STATUS', 'fatal'],
  ])('maps %i to %s (%s)', (status, code, disposition) => {
    const err = at(status);
    expect(err.code).toBe(code);
    expect(err.disposition).toBe(disposition);
    expect(AGENT_HTTP_ERROR_CODES).toContain(code);
    expect(err).toBeInstanceOf(CatapultError);
  });

  it('tells "not subscribed" 403s apart from token mismatches', () => {
    const err = at(403, 'Executor is not subscribed');
    expect(err.code).toBe('CATAPULT_AGENT_NOT_SUBSCRIBED');
    expect(err.isSubscriptionLoss()).toBe(true);
    expect(at(403, 'claims do not match').isFatal()).toBe(true);
  });

  it('keeps the plain-text body and says what to do', () => {
    const err = at(400, 'Executor cannot be found');
    expect(err.body).toBe('Executor cannot be found');
    expect(err.message).toContain('HTTP 400: Executor cannot be found');
    expect(err.message).toContain('MESOS_*');
    expect(at(503).isTemporary()).toBe(true);
  });

  it('wraps connection failures as temporary', () => {
    const err = new AgentConnectionError('SUBSCRIBE', 'http://a', new Error('ECONNREFUSED'));
    expect(err.code).toBe('CATAPULT_AGENT_CONNECTION_FAILED');
    expect(err.isTemporary()).toBe(true);
    expect(err.message).toContain('ECONNREFUSED');
  });
});
