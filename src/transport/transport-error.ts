/**
 * The base of every error the transport raises, and the three questions a
 * caller asks of one (mesos-go `apierrors`): may I simply retry, did I lose my
 * subscription, or is it hopeless?
 */
import { CatapultError, type CatapultErrorOptions } from '../util/catapult-error';

/**
 * What the caller should do about a failure.
 *
 * - `retry`: transient (election in progress, master starting, network); back off and try again.
 * - `resubscribe`: the subscription is gone (stale stream id, not subscribed, leader moved); SUBSCRIBE again first.
 * - `fatal`: retrying the same thing cannot help (bad credentials, a malformed call, the framework was removed).
 */
export type Disposition = 'retry' | 'resubscribe' | 'fatal';

/** A transport failure with a stable `code` and a {@link Disposition}. */
export class TransportError extends CatapultError {
  /** What the caller should do about it. */
  readonly disposition: Disposition;

  constructor(code: string, message: string, disposition: Disposition, options: CatapultErrorOptions = {}) {
    super(code, message, options);
    this.disposition = disposition;
  }

  /** True when backing off and retrying the same request may succeed. */
  isTemporary(): boolean {
    return this.disposition === 'retry';
  }

  /** True when the subscription is gone and the caller must SUBSCRIBE again before sending calls. */
  isSubscriptionLoss(): boolean {
    return this.disposition === 'resubscribe';
  }

  /** True when retrying cannot help: fix the configuration or the call, or give up. */
  isFatal(): boolean {
    return this.disposition === 'fatal';
  }
}
