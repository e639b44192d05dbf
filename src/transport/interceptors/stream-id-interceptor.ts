/**
 * The `Mesos-Stream-Id` rule (§1.6): every non-SUBSCRIBE call carries the id
 * from the current subscription's 200; SUBSCRIBE never carries one (the
 * master answers 400 if it does, and a stale id after a failover is the
 * classic cause of endless 400s, gotcha 5).
 */
import { NotSubscribedError } from '../client-errors';
import type { CallInterceptor } from './call-interceptor';

/** The header name as undici reports it (lower case). */
export const STREAM_ID_HEADER = 'mesos-stream-id';

/**
 * Stamps the current stream id on every call but SUBSCRIBE.
 *
 * @param currentStreamId returns the id of the live subscription, or `undefined` between subscriptions.
 * @throws {NotSubscribedError} for a non-SUBSCRIBE call while there is no stream id.
 */
export function streamIdInterceptor(currentStreamId: () => string | undefined): CallInterceptor {
  return (outgoing) => {
    for (const name of Object.keys(outgoing.headers)) {
      if (name.toLowerCase() === STREAM_ID_HEADER) delete outgoing.headers[name];
    }
    if (outgoing.callType === 'SUBSCRIBE') return;
    const streamId = currentStreamId();
    if (streamId === undefined) throw new NotSubscribedError(outgoing.callType);
    outgoing.headers[STREAM_ID_HEADER] = streamId;
  };
}
