/**
 * `catapult local`: flags, errors (exit code 2 naming the flag), and a run
 * that prints the master URL and stops on SIGINT.
 */
import { PassThrough } from 'node:stream';
import { command } from '../../../src/cli/commands/local';
import { post } from '../../helpers/raw-mesos-client';

jest.setTimeout(30_000);

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

describe('catapult local', () => {
  it('documents every flag', () => {
    for (const flag of ['--agents', '--port', '--zk', '--resources', '--attributes', '--seed', '--masters', '--fail-docker', '--simulated', '--drop-updates', '--partition-agent-after']) {
      expect(command.usage).toContain(flag);
    }
  });

  it.each([
    [['--agents', 'zero'], '--agents "zero" is invalid: expected a whole number of at least 1'],
    [['--bogus'], 'unknown flag --bogus'],
    [['--drop-updates', '2'], '--drop-updates "2" is invalid: expected a fraction between 0 and 1'],
    [['--masters', '2'], '--masters greater than 1 needs --zk'],
    [['--port'], '--port needs a value'],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const t = io();
    expect(await command.run(argv, t.io)).toBe(2);
    expect(t.err()).toContain(message);
  });

  it('rejects malformed resources naming the flag and the form', async () => {
    const t = io();
    expect(await command.run(['--port', '0', '--resources', 'cpus=4', '--log-level', 'error'], t.io)).toBe(2);
    expect(t.err()).toContain('--resources');
    expect(t.err()).toContain('cpus:4;mem:8192');
  });

  it('runs until SIGINT and prints the master URL and the seed', async () => {
    const t = io();
    const done = command.run(['--port', '0', '--simulated', '--agents', '2', '--seed', '42', '--log-level', 'error'], t.io);
    await new Promise<void>((resolve) => {
      const check = () => (t.out().includes('Agents:') ? resolve() : setTimeout(check, 10));
      check();
    });
    expect(t.out()).toContain('SEED=42');
    const url = /Master: (\S+)/.exec(t.out())![1]!;
    expect((await post(url, '', {}, 'GET')).status).toBe(405);
    process.emit('SIGINT');
    expect(await done).toBe(0);
  });
});
