/**
 * The base class of every error catapult throws.
 *
 * Each failure mode has its own subclass with a stable `code` (assert on
 * `err.code`, never on the message). The message says what was wrong and what
 * to do about it. `instanceof` is backed by a `Symbol.for` brand so it still
 * works when two copies of the module are loaded (jest's module registry,
 * duplicated installs).
 */
const BRAND = Symbol.for('catapult.error');

export interface CatapultErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** What the error is about: a call type, a znode path, a node id, ... */
  details?: Record<string, unknown>;
}

export class CatapultError extends Error {
  /** A stable, machine-readable identifier of the failure mode, e.g. `CATAPULT_RECORDIO_RECORD_TOO_LARGE`. */
  readonly code: string;
  /** Context about what failed. */
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, options: CatapultErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === CatapultError) {
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
    }
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** True when `value` is a catapult error, optionally with the given code. */
export function isCatapultError(value: unknown, code?: string): value is CatapultError {
  return value instanceof CatapultError && (code === undefined || value.code === code);
}
