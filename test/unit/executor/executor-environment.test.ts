import {
  DEFAULT_SHUTDOWN_GRACE_PERIOD_MS,
  ExecutorEnvironmentInvalidError,
  ExecutorEnvironmentMissingError,
  MesosApplicationFrameworkExecutor,
  readExecutorEnvironment,
} from '../../../src/executor';
import { isCatapultError } from '../../../src/util';
import { ControlledApp } from './controlled-app';

const base = (): Record<string, string | undefined> => ({
  MESOS_FRAMEWORK_ID: 'fw-1',
  MESOS_EXECUTOR_ID: 'exec-1',
  MESOS_AGENT_ENDPOINT: '10.0.0.5:5051',
  MESOS_CHECKPOINT: '0',
  MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: '5secs',
});

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('readExecutorEnvironment', () => {
  it('reads ids, the agent URL and durations', () => {
    const env = readExecutorEnvironment({
      ...base(),
      MESOS_CHECKPOINT: '1',
      MESOS_RECOVERY_TIMEOUT: '15mins',
      MESOS_SUBSCRIPTION_BACKOFF_MAX: '1.5secs',
      MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: '1500ms',
      MESOS_SLAVE_ID: 'agent-9',
      MESOS_SANDBOX: '/mnt/mesos/sandbox',
    });
    expect(env).toEqual({
      frameworkId: 'fw-1',
      executorId: 'exec-1',
      agentId: 'agent-9',
      agentUrl: 'http://10.0.0.5:5051/api/v1/executor',
      checkpoint: true,
      shutdownGracePeriodMs: 1500,
      recoveryTimeoutMs: 900_000,
      subscriptionBackoffMaxMs: 1500,
      sandboxDirectory: '/mnt/mesos/sandbox',
    });
  });

  it('falls back to MESOS_SLAVE_PID for the agent address', () => {
    const env = readExecutorEnvironment({ ...base(), MESOS_AGENT_ENDPOINT: undefined, MESOS_SLAVE_PID: 'slave(1)@10.0.0.7:5051' });
    expect(env.agentUrl).toBe('http://10.0.0.7:5051/slave(1)/api/v1/executor');
  });

  it('defaults the shutdown grace period to the agent default', () => {
    expect(readExecutorEnvironment({ ...base(), MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: undefined }).shutdownGracePeriodMs).toBe(DEFAULT_SHUTDOWN_GRACE_PERIOD_MS);
  });

  it.each(['MESOS_FRAMEWORK_ID', 'MESOS_EXECUTOR_ID', 'MESOS_AGENT_ENDPOINT'])('names a missing %s and who sets it', (variable) => {
    const err = errorOf(() => readExecutorEnvironment({ ...base(), [variable]: undefined }));
    expect(err).toBeInstanceOf(ExecutorEnvironmentMissingError);
    expect(isCatapultError(err, 'CATAPULT_EXECUTOR_ENV_MISSING')).toBe(true);
    expect((err as ExecutorEnvironmentMissingError).variable).toBe(variable);
    expect((err as Error).message).toContain(variable);
    expect((err as Error).message).toMatch(/agent sets it/);
  });

  it('requires the recovery variables only when checkpointing', () => {
    const err = errorOf(() => readExecutorEnvironment({ ...base(), MESOS_CHECKPOINT: '1', MESOS_SUBSCRIPTION_BACKOFF_MAX: '2secs' }));
    expect((err as ExecutorEnvironmentMissingError).variable).toBe('MESOS_RECOVERY_TIMEOUT');
    expect(readExecutorEnvironment(base()).checkpoint).toBe(false);
  });

  it.each([
    ['MESOS_CHECKPOINT', 'true'],
    ['MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD', '5 seconds'],
    ['MESOS_AGENT_ENDPOINT', 'http://10.0.0.5:5051'],
  ])('rejects %s=%s with a typed error naming it', (variable, value) => {
    const err = errorOf(() => readExecutorEnvironment({ ...base(), [variable]: value }));
    expect(err).toBeInstanceOf(ExecutorEnvironmentInvalidError);
    expect((err as ExecutorEnvironmentInvalidError).code).toBe('CATAPULT_EXECUTOR_ENV_INVALID');
    expect((err as ExecutorEnvironmentInvalidError).variable).toBe(variable);
  });

  it('reads the authentication token and removes it from the environment', () => {
    const env = { ...base(), MESOS_EXECUTOR_AUTHENTICATION_TOKEN: 'jwt.token.here' };
    expect(readExecutorEnvironment(env).authenticationToken).toBe('jwt.token.here');
    expect(env.MESOS_EXECUTOR_AUTHENTICATION_TOKEN).toBeUndefined();
    expect('MESOS_EXECUTOR_AUTHENTICATION_TOKEN' in env).toBe(false);
  });

  it('keeps the token in the environment when asked to', () => {
    const env = { ...base(), MESOS_EXECUTOR_AUTHENTICATION_TOKEN: 't' };
    readExecutorEnvironment(env, { removeToken: false });
    expect(env.MESOS_EXECUTOR_AUTHENTICATION_TOKEN).toBe('t');
  });
});

describe('MesosApplicationFrameworkExecutor.run without an agent environment', () => {
  it('rejects with the typed error naming the missing variable', async () => {
    const executor = new MesosApplicationFrameworkExecutor(new ControlledApp(), { env: { ...base(), MESOS_EXECUTOR_ID: undefined } });
    await expect(executor.run()).rejects.toMatchObject({ code: 'CATAPULT_EXECUTOR_ENV_MISSING', variable: 'MESOS_EXECUTOR_ID' });
  });
});
