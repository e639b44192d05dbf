/**
 * The abort handle of one call. undici takes an EventEmitter as a request's
 * signal; one is far cheaper to make than an AbortController, and every
 * ACKNOWLEDGE makes one.
 */
import { EventEmitter } from 'node:events';

/** What {@link postBytes} needs of an abort signal. */
export interface AbortSource {
  readonly aborted: boolean;
  readonly reason: unknown;
}

/** Aborts one call when its time is up. */
export class CallDeadline extends EventEmitter implements AbortSource {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}
