/**
 * A failure that says what its caller should do about it: the three questions
 * asked of every Mesos HTTP failure (mesos-go `apierrors`), shared by the
 * scheduler's transport and the executor's agent client.
 */
import { CatapultError, type CatapultErrorOptions } from './catapult-error';

/**
 * - `retry`: transient (an election or recovery in progress, a server starting, the network); back off and try again.
 * - `resubscribe`: the subscription is gone; SUBSCRIBE again before sending calls.
 * - `fatal`: retrying the same thing cannot help; fix the configuration or the call, or give up.
 */
export type Disposition = 'retry' | 'resubscribe' | 'fatal';

export class DispositionError extends CatapultError {
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

  /** True when the subscription is gone and the caller must SUBSCRIBE again first. */
  isSubscriptionLoss(): boolean {
    return this.disposition === 'resubscribe';
  }

  /** True when retrying cannot help. */
  isFatal(): boolean {
    return this.disposition === 'fatal';
  }
}
