/**
 * The base of every error the transport raises, and the three questions a
 * caller asks of one (mesos-go `apierrors`): may I simply retry, did I lose my
 * subscription, or is it hopeless?
 */
import { DispositionError, type Disposition } from '../util/disposition-error';

export type { Disposition };

/** A transport failure with a stable `code` and a {@link Disposition}. */
export class TransportError extends DispositionError {}
