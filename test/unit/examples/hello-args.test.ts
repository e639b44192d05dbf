/**
 * The hello scheduler's command line: defaults, every flag, and errors that
 * name the flag and the form it expects.
 */
import { DEFAULT_COMMAND, HELP, HelloUsageError, parseHelloArgs, splitZk, type HelloOptions } from '../../../examples/hello/args';

const REQUIRED = ['--master', 'http://127.0.0.1:5050', '--zk', '127.0.0.1:2181/catapult/hello', '--nodes', '3'];

function parse(...extra: string[]): HelloOptions {
  const result = parseHelloArgs([...REQUIRED, ...extra]);
  if (result === HELP) throw new Error('unexpected --help');
  return result;
}

/** The required flags with `flag` set to `value` (replaced if required, else appended). */
function withFlag(flag: string, value: string): string[] {
  const argv = [...REQUIRED];
  const at = argv.indexOf(flag);
  if (at >= 0) argv[at + 1] = value;
  else argv.push(flag, value);
  return argv;
}

function usageError(argv: string[]): HelloUsageError {
  try {
    parseHelloArgs(argv);
  } catch (err) {
    if (err instanceof HelloUsageError) return err;
    throw err;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('hello scheduler arguments', () => {
  it('fills in the defaults: command nodes of 0.1 cpus and 32 MB, state under the --zk chroot', () => {
    expect(parse()).toEqual({
      master: 'http://127.0.0.1:5050',
      zkConnect: '127.0.0.1:2181',
      zkRoot: '/catapult/hello',
      nodes: 3,
      name: 'hello',
      command: DEFAULT_COMMAND,
      executor: false,
      cpus: 0.1,
      memoryMb: 32,
      httpPort: undefined,
      httpHost: '127.0.0.1',
      dashboardPort: undefined,
      zkSessionTimeoutMs: undefined,
      logLevel: 'info',
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const options = parse('--name', 'web', '--command=sleep 100', '--cpus', '0.5', '--mem=64', '--http-port', '8080', '--http-host', '0.0.0.0', '--dashboard-port=0', '--log-level', 'debug', '--zk-session-timeout-ms', '4000');
    expect(options).toMatchObject({ zkSessionTimeoutMs: 4000, name: 'web', command: 'sleep 100', cpus: 0.5, memoryMb: 64, httpPort: 8080, httpHost: '0.0.0.0', dashboardPort: 0, logLevel: 'debug' });
  });

  it('--executor runs the hello executor instead of a command', () => {
    expect(parse('--executor')).toMatchObject({ executor: true, command: undefined });
  });

  it('accepts a zk:// master and a zk:// or multi-host --zk', () => {
    const result = parseHelloArgs(['--master', 'zk://10.0.0.1:2181,10.0.0.2:2181/mesos', '--zk', 'zk://z1:2181,z2:2181/catapult/a', '--nodes', '1']);
    expect(result).toMatchObject({ master: 'zk://10.0.0.1:2181,10.0.0.2:2181/mesos', zkConnect: 'z1:2181,z2:2181', zkRoot: '/catapult/a' });
  });

  it('accepts a master URL with its path, as `catapult local` prints it', () => {
    expect(parseHelloArgs(['--master', 'http://127.0.0.1:5050/api/v1/scheduler', '--zk', 'z:2181', '--nodes', '1'])).toMatchObject({ master: 'http://127.0.0.1:5050/api/v1/scheduler' });
  });

  it('keeps state under /catapult/<name> when --zk has no chroot', () => {
    expect(splitZk('127.0.0.1:2181', 'web')).toEqual({ zkConnect: '127.0.0.1:2181', zkRoot: '/catapult/web' });
    expect(splitZk('127.0.0.1:2181/a/b/', 'web')).toEqual({ zkConnect: '127.0.0.1:2181', zkRoot: '/a/b' });
  });

  it('answers --help anywhere on the line', () => {
    expect(parseHelloArgs(['--nodes', '3', '--help'])).toBe(HELP);
    expect(parseHelloArgs(['-h'])).toBe(HELP);
  });

  it.each([
    [['--zk', '127.0.0.1:2181/x', '--nodes', '3'], 'master', /--master is required: http:\/\/host:port/],
    [['--master', 'http://m:5050', '--nodes', '3'], 'zk', /--zk is required: host:port/],
    [['--master', 'http://m:5050', '--zk', 'z:2181/x'], 'nodes', /--nodes is required: a whole number of at least 1/],
  ])('names a missing required flag %#', (argv, flag, message) => {
    const err = usageError(argv);
    expect(err.code).toBe('HELLO_USAGE');
    expect(err.flag).toBe(flag);
    expect(err.message).toMatch(message);
  });

  it.each([
    ['--nodes', '0', /--nodes "0" is invalid: expected a whole number of at least 1/],
    ['--nodes', '2.5', /--nodes "2.5" is invalid/],
    ['--nodes', 'many', /--nodes "many" is invalid/],
    ['--cpus', '-1', /--cpus "-1" is invalid: expected a number of CPUs greater than 0/],
    ['--mem', 'lots', /--mem "lots" is invalid: expected a number of megabytes/],
    ['--http-port', '70000', /--http-port "70000" is invalid: expected a port number between 0 and 65535/],
    ['--name', 'has space', /--name "has space" is invalid/],
    ['--log-level', 'loud', /--log-level "loud" is invalid: expected trace, debug, info, warn or error/],
  ])('rejects %s %s with the expected form', (flag, value, message) => {
    const err = usageError(withFlag(flag, value));
    expect(err.flag).toBe(flag.slice(2));
    expect(err.message).toMatch(message);
  });

  it.each([
    ['--master', 'localhost:5050', /--master "localhost:5050" is invalid: expected http:\/\/host:port/],
    ['--master', 'zk://z:2181', /invalid: expected http:\/\/host:port .* or zk:\/\/host:port\/path/],
    ['--zk', 'nohost/x', /--zk "nohost\/x" is invalid: expected host:port/],
  ])('rejects a malformed address: %s %s', (flag, value, message) => {
    const err = usageError(withFlag(flag, value));
    expect(err.flag).toBe(flag.slice(2));
    expect(err.message).toMatch(message);
  });

  it('rejects unknown, repeated, valueless and stray arguments', () => {
    expect(usageError([...REQUIRED, '--nodez', '3']).message).toBe('unknown flag --nodez');
    expect(usageError([...REQUIRED, '--nodes', '4']).message).toMatch(/--nodes is given twice/);
    expect(usageError([...REQUIRED, '--cpus']).message).toMatch(/--cpus needs a value: a number of CPUs/);
    expect(usageError([...REQUIRED, '--cpus', '--mem', '3']).message).toMatch(/--cpus needs a value/);
    expect(usageError([...REQUIRED, '--executor=yes']).message).toBe('--executor takes no value');
    expect(usageError([...REQUIRED, 'extra']).message).toMatch(/unexpected argument 'extra'/);
  });

  it('refuses --command together with --executor', () => {
    const err = usageError([...REQUIRED, '--executor', '--command', 'true']);
    expect(err.flag).toBe('executor');
    expect(err.message).toMatch(/exclude each other/);
  });
});
