/**
 * `catapult demo` flags: defaults, every flag, and errors naming the flag.
 */
import { DEMO_DEFAULTS, parseDemoArgs } from '../../../src/demo/demo-options';
import { DemoUsageError } from '../../../src/demo/demo-errors';

describe('catapult demo flags', () => {
  it('defaults to 5 nodes on 3 agents, a throwaway ZooKeeper, the dashboard on 8080, with faults', () => {
    expect(parseDemoArgs([])).toEqual(DEMO_DEFAULTS);
    expect(DEMO_DEFAULTS).toEqual({ nodes: 5, agents: 3, zk: undefined, port: 8080, faults: true, exitAfterDemo: false, faultDelaySeconds: 15 });
  });

  it('reads every flag', () => {
    expect(parseDemoArgs(['--nodes', '8', '--agents=2', '--zk', '127.0.0.1:2181', '--port', '0', '--no-faults', '--exit-after-demo'])).toEqual({
      nodes: 8,
      agents: 2,
      zk: '127.0.0.1:2181',
      port: 0,
      faults: false,
      exitAfterDemo: true,
      faultDelaySeconds: 0,
    });
  });

  it('gives a person time to open the dashboard before the first fault, and a test run none', () => {
    expect(parseDemoArgs([]).faultDelaySeconds).toBe(15);
    expect(parseDemoArgs(['--exit-after-demo']).faultDelaySeconds).toBe(0);
    expect(parseDemoArgs(['--fault-delay', '3']).faultDelaySeconds).toBe(3);
    expect(parseDemoArgs(['--exit-after-demo', '--fault-delay=2']).faultDelaySeconds).toBe(2);
    expect(() => parseDemoArgs(['--fault-delay', '-1'])).toThrow(/--fault-delay/);
  });

  it.each([
    [['--nodes', '0'], 'nodes', /--nodes "0" is invalid: expected a whole number between 1 and 500/],
    [['--agents', 'x'], 'agents', /--agents "x" is invalid/],
    [['--zk', 'zk://h:2181/x'], 'zk', /--zk "zk:\/\/h:2181\/x" is invalid: expected host:port/],
    [['--port'], 'port', /--port needs a value/],
    [['--faults'], 'faults', /unknown flag --faults/],
    [['--no-faults=1'], 'no-faults', /takes no value/],
    [['--nodes', '3', '--nodes', '4'], 'nodes', /given twice/],
  ])('rejects %j', (argv, flag, message) => {
    let error: unknown;
    try {
      parseDemoArgs(argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DemoUsageError);
    expect((error as DemoUsageError).code).toBe('CATAPULT_DEMO_USAGE');
    expect((error as DemoUsageError).flag).toBe(flag);
    expect((error as DemoUsageError).message).toMatch(message);
  });
});
