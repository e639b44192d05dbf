/**
 * The deployer's request bodies: a valid app, defaults, and a 400 whose code
 * and message say which field was wrong.
 */
import { HttpError } from '../../../examples/hello/json-http';
import { parseAppSpec, parseScale } from '../../../examples/deployer/app-spec';

function rejection(parse: () => unknown): HttpError {
  try {
    parse();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('deployer request bodies', () => {
  it('accepts an app with a command or an image, filling in 0.1 cpus and 32 MB', () => {
    expect(parseAppSpec({ name: 'web', nodes: 3, command: 'sleep 100' })).toEqual({ name: 'web', nodes: 3, command: 'sleep 100', cpus: 0.1, mem: 32 });
    expect(parseAppSpec({ name: 'db', nodes: 1, image: 'postgres:16', cpus: 2, mem: 2048 })).toEqual({ name: 'db', nodes: 1, image: 'postgres:16', cpus: 2, mem: 2048 });
  });

  it.each([
    [{ name: 'web', nodes: 3, command: 'x', replicas: 2 }, 'UNKNOWN_FIELD', /Unknown field "replicas"; the fields are name, nodes, command, image, cpus, mem/],
    [{ nodes: 3, command: 'x' }, 'MISSING_FIELD', /"name" is missing/],
    [{ name: 'has space', nodes: 3, command: 'x' }, 'INVALID_FIELD', /"name" is "has space"/],
    [{ name: 'web', command: 'x' }, 'MISSING_FIELD', /"nodes" is missing/],
    [{ name: 'web', nodes: 0, command: 'x' }, 'INVALID_FIELD', /"nodes" is 0; it must be a positive integer/],
    [{ name: 'web', nodes: 2.5, command: 'x' }, 'INVALID_FIELD', /"nodes" is 2.5; it must be a positive integer/],
    [{ name: 'web', nodes: '3', command: 'x' }, 'INVALID_FIELD', /"nodes" is "3"; it must be a positive integer/],
    [{ name: 'web', nodes: 3 }, 'MISSING_FIELD', /Give "command" .* or "image"/],
    [{ name: 'web', nodes: 3, command: '' }, 'INVALID_FIELD', /"command" must be a non-empty string/],
    [{ name: 'web', nodes: 3, command: 'x', cpus: 0 }, 'INVALID_FIELD', /"cpus" is 0; it must be a number of CPUs greater than 0/],
    [['web'], 'BODY_NOT_OBJECT', /must be a JSON object/],
  ])('rejects %j with 400 %s', (body, code, message) => {
    const err = rejection(() => parseAppSpec(body));
    expect(err.status).toBe(400);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it('reads a scale body and rejects anything but a positive node count', () => {
    expect(parseScale({ nodes: 7 })).toBe(7);
    expect(rejection(() => parseScale({ nodes: -1 })).code).toBe('INVALID_FIELD');
    expect(rejection(() => parseScale({ count: 3 })).code).toBe('UNKNOWN_FIELD');
    expect(rejection(() => parseScale({})).code).toBe('MISSING_FIELD');
  });
});
