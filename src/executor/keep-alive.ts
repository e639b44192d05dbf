/**
 * Holds the Node.js event loop open while an executor runs.
 *
 * The system Clock's timers do not keep a process alive (libraries must not
 * hold their host process open), but an executor process must stay up while
 * it only waits on such timers: between re-subscription attempts, during a
 * kill grace period, or while an app's `run` awaits nothing but a promise.
 * A message port with a listener is a ref'd handle that needs no timer.
 */
import { MessageChannel } from 'node:worker_threads';

/** A held event loop; `release()` lets the process exit again. Idempotent. */
export interface KeepAlive {
  release(): void;
}

/** Keeps the event loop alive until `release()`. */
export function holdEventLoop(): KeepAlive {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', () => undefined);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      port1.close();
      port2.close();
    },
  };
}
