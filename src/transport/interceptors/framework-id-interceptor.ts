/**
 * Checks the framework id a call was built with (calls are plain values built
 * with the id already, like mesos-go's `calls`): the master answers a missing
 * or mismatched id with a 400 that says little, so it is caught here with a
 * message that says what to fix (gotcha 21).
 */
import { FrameworkIdMismatchError, MissingFrameworkIdError } from '../client-errors';
import type { CallInterceptor } from './call-interceptor';

/**
 * Rejects a non-SUBSCRIBE call without `framework_id`, or with one different
 * from the subscribed framework's, and a SUBSCRIBE whose `framework_id` and
 * `subscribe.framework_info.id` differ (both absent for a new framework, both
 * set and equal on re-subscription).
 *
 * @param subscribedFrameworkId returns the id from SUBSCRIBED, or `undefined` before it.
 */
export function frameworkIdInterceptor(subscribedFrameworkId: () => string | undefined): CallInterceptor {
  return (outgoing) => {
    if (outgoing.callType === 'SUBSCRIBE') {
      const callId = outgoing.call.framework_id?.value ?? undefined;
      const infoId = outgoing.call.subscribe?.framework_info?.id?.value ?? undefined;
      if (callId !== infoId) throw new FrameworkIdMismatchError('SUBSCRIBE', callId ?? '(none)', infoId ?? '(none)', 'subscribe.framework_info.id');
      return;
    }
    const value = outgoing.call.framework_id?.value;
    if (typeof value !== 'string' || value === '') throw new MissingFrameworkIdError(outgoing.callType);
    const subscribed = subscribedFrameworkId();
    if (subscribed !== undefined && subscribed !== value) throw new FrameworkIdMismatchError(outgoing.callType, value, subscribed);
  };
}
