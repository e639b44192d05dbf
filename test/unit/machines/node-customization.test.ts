import { createActor } from 'xstate';
import { createNodeMachine, nodeMachine } from '../../../machines';
import { NodeDriver } from './node-test-kit';

describe('customizing the node machine', () => {
  it('provide() overrides shouldRelaunch', () => {
    const machine = nodeMachine.provide({ guards: { shouldRelaunch: ({ context }) => context.failures < 2 } });
    const n = new NodeDriver({}, machine).run().status('TASK_FAILED');
    expect(n.value).toBe('relaunching');
    n.fire('relaunch').run().status('TASK_FAILED');
    expect(n.value).toBe('failed');
  });

  it('provide() overrides the relaunch backoff through delays.relaunchBackoff', () => {
    const machine = nodeMachine.provide({ delays: { relaunchBackoff: ({ context }) => 100 * context.failures } });
    const n = new NodeDriver({}, machine).run().status('TASK_FAILED');
    expect(n.context.deadlines.relaunch! - n.now).toBe(100);
    n.fire('relaunch').run().status('TASK_FAILED');
    expect(n.context.deadlines.relaunch! - n.now).toBe(200);
  });

  it('provide() accepts a constant backoff', () => {
    const n = new NodeDriver({}, nodeMachine.provide({ delays: { relaunchBackoff: 42 } })).run().status('TASK_LOST');
    expect(n.context.deadlines.relaunch! - n.now).toBe(42);
  });

  it('provide() supplies the callbacks', () => {
    const calls: string[] = [];
    const record = (name: string) => () => void calls.push(name);
    const machine = nodeMachine.provide({
      actions: { onRunning: record('running'), onFailed: record('failed'), onMessage: record('message'), onFinished: record('finished') },
    });
    new NodeDriver({}, machine).run().send({ type: 'executor.message', data: 'aGk=' }).status('TASK_FAILED').fire('relaunch').run().status('TASK_FINISHED');
    expect(calls).toEqual(['running', 'message', 'failed', 'running', 'finished']);
  });

  it('createNodeMachine adds a state, transitions into it and journals it', () => {
    const machine = createNodeMachine({
      states: {
        degraded: {
          tags: ['live'],
          on: {
            'executor.message': { guard: 'isHealthy', target: 'running' },
            'task.status': { guard: { type: 'isStatus', params: { states: ['TASK_FAILED'] } }, target: 'failed', actions: ['acceptStatus', 'countFailure'] },
          },
        },
      },
      transitions: { running: { 'executor.message': { guard: 'isUnhealthy', target: 'degraded', actions: 'onMessage' } } },
      guards: {
        isHealthy: ({ event }: { event: { data?: string } }) => event.data === 'b2s=',
        isUnhealthy: ({ event }: { event: { data?: string } }) => event.data === 'c2ljaw==',
      },
    });
    const n = new NodeDriver({}, machine).run();
    n.send({ type: 'executor.message', data: 'aGk=' });
    expect(n.value).toBe('running');
    n.send({ type: 'executor.message', data: 'c2ljaw==' });
    expect(n.value).toBe('degraded');
    expect(n.context.history.at(-1)).toMatchObject({ from: 'running', to: 'degraded', cause: { kind: 'message' } });
    n.send({ type: 'executor.message', data: 'b2s=' });
    expect(n.value).toBe('running');
    n.send({ type: 'executor.message', data: 'c2ljaw==' }).status('TASK_FAILED');
    expect(n.value).toBe('relaunching');
    // the extended machine persists and restores like the default one
    const restored = createActor(machine, { snapshot: JSON.parse(JSON.stringify(n.actor.getPersistedSnapshot())) } as never).start();
    expect(restored.getSnapshot().value).toBe('relaunching');
  });

  it('createNodeMachine rejects unknown states and duplicate names', () => {
    expect(() => createNodeMachine({ transitions: { nope: { kill: 'killed' } } })).toThrow(/no state "nope"/);
    expect(() => createNodeMachine({ states: { running: {} } })).toThrow(/already exists/);
    expect(() => createNodeMachine({ transitions: { running: { kill: 'nowhere' } } })).toThrow();
  });

  it('createNodeMachine can replace an action and add a delay', () => {
    const machine = createNodeMachine({ delays: { relaunchBackoff: () => 7 } });
    const n = new NodeDriver({}, machine).run().status('TASK_FAILED');
    expect(n.context.deadlines.relaunch! - n.now).toBe(7);
  });
});
