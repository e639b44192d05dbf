/**
 * The custom-transitions example's machines: a bounded relaunch policy with
 * a capped backoff, and a `degraded` state driven by executor messages.
 */
import { createActor } from 'xstate';
import { healthCheckedLifecycle, MAX_BACKOFF_MS, MAX_FAILURES, patientLifecycle } from '../../../examples/custom-transitions/lifecycles';
import { NodeDriver } from '../machines/node-test-kit';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('custom transitions example', () => {
  it.each([
    ['provide()', patientLifecycle],
    ['createNodeMachine()', healthCheckedLifecycle],
  ])(`%s relaunches with a growing, capped backoff and gives up after ${MAX_FAILURES} failures`, (_name, machine) => {
    const n = new NodeDriver({}, machine).run();
    const delays: number[] = [];
    for (let failure = 1; failure < MAX_FAILURES; failure++) {
      n.status('TASK_FAILED');
      expect(n.value).toBe('relaunching');
      delays.push(n.context.deadlines.relaunch! - n.now);
      n.fire('relaunch').run();
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000]);
    n.status('TASK_FAILED');
    expect(n.value).toBe('failed');
    expect(n.context.failures).toBe(MAX_FAILURES);
    expect(MAX_BACKOFF_MS).toBe(60_000);
  });

  it('moves a running node to degraded on "unhealthy" and back on "healthy", and journals it', () => {
    const n = new NodeDriver({}, healthCheckedLifecycle).run();
    n.send({ type: 'executor.message', data: b64('unhealthy') });
    expect(n.value).toBe('degraded');
    expect(n.snapshot.hasTag('live')).toBe(true);
    expect(n.context.history.at(-1)).toMatchObject({ from: 'running', to: 'degraded', cause: { kind: 'message' } });
    n.send({ type: 'executor.message', data: b64('healthy') });
    expect(n.value).toBe('running');
  });

  it('a degraded node still fails, is killed on request, and restores as degraded', () => {
    const n = new NodeDriver({}, healthCheckedLifecycle).run();
    n.send({ type: 'executor.message', data: b64('unhealthy') });
    const restored = createActor(healthCheckedLifecycle, { snapshot: JSON.parse(JSON.stringify(n.actor.getPersistedSnapshot())) } as never).start();
    expect(restored.getSnapshot().value).toBe('degraded');
    n.status('TASK_FAILED');
    expect(n.value).toBe('relaunching');

    const k = new NodeDriver({}, healthCheckedLifecycle).run();
    k.send({ type: 'executor.message', data: b64('unhealthy') }).send({ type: 'kill' });
    expect(k.value).toBe('killing');
    k.status('TASK_KILLED');
    expect(k.value).toBe('killed');
  });
});
