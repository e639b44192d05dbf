/**
 * Transport failures that are not an HTTP status from the master: the
 * network, timeouts, redirect loops, and misuse of the client. One class per
 * failure mode, each with a stable `code` and a {@link Disposition}.
 */
import { classifyErrorEvent, type ErrorEventKind } from './disconnect-reason';
import { TransportError } from './transport-error';

/** The TCP connection to a master could not be made or broke before an answer. Retry, possibly at another master. */
export class MasterUnreachableError extends TransportError {
  constructor(url: string, callType: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super('CATAPULT_MESOS_UNREACHABLE', `${callType} to ${url} could not reach the master (${why}); retry with backoff or try another master`, 'retry', {
      cause,
      details: { url, callType },
    });
  }
}

/** A call got no answer within its timeout. Retry; the master may or may not have processed it. */
export class CallTimeoutError extends TransportError {
  constructor(url: string, callType: string, timeoutMs: number) {
    super('CATAPULT_MESOS_CALL_TIMEOUT', `${callType} to ${url} got no answer within ${timeoutMs} ms; retry (the master may have processed it)`, 'retry', {
      details: { url, callType, timeoutMs },
    });
  }
}

/** Masters kept redirecting past the hop limit (an election is probably in progress). Back off and retry. */
export class TooManyRedirectsError extends TransportError {
  constructor(callType: string, hops: readonly string[], maxRedirects: number) {
    super(
      'CATAPULT_MESOS_TOO_MANY_REDIRECTS',
      `${callType} was redirected more than ${maxRedirects} times (${hops.join(' -> ')}); masters are probably electing a leader, back off and retry`,
      'retry',
      { details: { callType, hops, maxRedirects } },
    );
  }
}

/** A 307 came without a usable `Location`. Retry; re-detect the leader. */
export class BadRedirectError extends TransportError {
  constructor(url: string, location: string | undefined, cause?: unknown) {
    super('CATAPULT_MESOS_BAD_REDIRECT', `${url} answered 307 with an unusable Location ${JSON.stringify(location ?? null)}; re-detect the leader and retry`, 'retry', {
      cause,
      details: { url, location },
    });
  }
}

/** `send()` was called while no subscription is established. Subscribe first. */
export class NotSubscribedError extends TransportError {
  constructor(callType: string) {
    super('CATAPULT_TRANSPORT_NOT_SUBSCRIBED', `cannot send ${callType}: no subscription is established; call subscribe() first and wait for SUBSCRIBED`, 'resubscribe', {
      details: { callType },
    });
  }
}

/** A non-SUBSCRIBE call lacks `framework_id`. Build calls with the framework id from SUBSCRIBED. */
export class MissingFrameworkIdError extends TransportError {
  constructor(callType: string) {
    super('CATAPULT_TRANSPORT_MISSING_FRAMEWORK_ID', `${callType} has no framework_id; every call but SUBSCRIBE must carry the id from SUBSCRIBED`, 'fatal', {
      details: { callType },
    });
  }
}

/** The call's framework id differs from the one it must match. Rebuild the call with the right id. */
export class FrameworkIdMismatchError extends TransportError {
  /**
   * @param expectedFrameworkId the subscribed framework's id, or (for SUBSCRIBE) `subscribe.framework_info.id`.
   * @param expectedFrom where `expectedFrameworkId` comes from.
   */
  constructor(callType: string, callFrameworkId: string, expectedFrameworkId: string, expectedFrom = 'the subscription') {
    super(
      'CATAPULT_TRANSPORT_FRAMEWORK_ID_MISMATCH',
      `${callType} carries framework_id ${callFrameworkId} but ${expectedFrom} says ${expectedFrameworkId}; build the call with one id in both places (schedulerCalls does)`,
      'fatal',
      { details: { callType, callFrameworkId, expectedFrameworkId, expectedFrom } },
    );
  }
}

/** The client was closed; create a new one. */
export class ClientClosedError extends TransportError {
  constructor(callType: string) {
    super('CATAPULT_TRANSPORT_CLIENT_CLOSED', `cannot send ${callType}: the scheduler client is closed; create a new client`, 'fatal', {
      details: { callType },
    });
  }
}

/** A newer `subscribe()` replaced this attempt before it completed. Nothing to do: the newer attempt carries on. */
export class SubscribeSupersededError extends TransportError {
  constructor(generation: number) {
    super('CATAPULT_TRANSPORT_SUBSCRIBE_SUPERSEDED', `subscription attempt ${generation} was replaced by a newer subscribe() or disconnect()`, 'resubscribe', {
      details: { generation },
    });
  }
}

/** SUBSCRIBED did not arrive in time after the request was sent. Retry with backoff. */
export class SubscribeTimeoutError extends TransportError {
  constructor(url: string, timeoutMs: number) {
    super('CATAPULT_MESOS_SUBSCRIBE_TIMEOUT', `SUBSCRIBE to ${url} got no SUBSCRIBED event within ${timeoutMs} ms; retry with backoff`, 'retry', {
      details: { url, timeoutMs },
    });
  }
}

/** The master answered SUBSCRIBE with an ERROR event. The FrameworkInfo (or the framework id) is not acceptable. */
export class SubscribeRejectedError extends TransportError {
  /** The ERROR event's message. */
  readonly mesosMessage: string;
  /** `framework-removed` when the framework id is dead: subscribe as a new framework if desired. */
  readonly errorKind: ErrorEventKind;

  constructor(url: string, mesosMessage: string) {
    const errorKind = classifyErrorEvent(mesosMessage);
    const advice = errorKind === 'framework-removed' ? 'the framework id is dead; subscribe as a new framework (no id) if desired' : 'fix the FrameworkInfo';
    super('CATAPULT_MESOS_SUBSCRIBE_REJECTED', `the master at ${url} rejected SUBSCRIBE: ${mesosMessage}; ${advice}`, 'fatal', {
      details: { url, mesosMessage, errorKind },
    });
    this.mesosMessage = mesosMessage;
    this.errorKind = errorKind;
  }
}

/** The SUBSCRIBE stream ended or broke before SUBSCRIBED arrived. Retry with backoff. */
export class SubscribeStreamError extends TransportError {
  constructor(url: string, what: string, cause?: unknown) {
    super('CATAPULT_MESOS_SUBSCRIBE_STREAM_ENDED', `the SUBSCRIBE stream from ${url} ended before SUBSCRIBED (${what}); retry with backoff`, 'retry', {
      cause,
      details: { url, what },
    });
  }
}

/** The SUBSCRIBE response named a Content-Type the client cannot decode. */
export class UnsupportedEventEncodingError extends TransportError {
  constructor(url: string, contentType: string | undefined) {
    super(
      'CATAPULT_MESOS_UNSUPPORTED_EVENT_ENCODING',
      `the SUBSCRIBE response from ${url} has Content-Type ${JSON.stringify(contentType ?? null)}; expected application/json or application/x-protobuf — is the URL a Mesos master?`,
      'fatal',
      { details: { url, contentType } },
    );
  }
}

/** No master URL is known yet (no static list given, and no leader detected). Wait for the detector and retry. */
export class NoMasterKnownError extends TransportError {
  constructor() {
    super('CATAPULT_TRANSPORT_NO_MASTER', 'no master URL is known: pass masters to the client, or call useMaster() when the detector reports a leader, then retry', 'retry');
  }
}

/** A call went to the wrong method: SUBSCRIBE through `send()`, or another call through `subscribe()`. */
export class WrongCallTypeError extends TransportError {
  constructor(callType: string, method: 'send' | 'subscribe') {
    const advice = method === 'send' ? 'use subscribe() for SUBSCRIBE' : 'subscribe() only takes a SUBSCRIBE call; use send() for the others';
    super('CATAPULT_TRANSPORT_WRONG_CALL_TYPE', `${method}() was given a ${callType} call; ${advice}`, 'fatal', { details: { callType, method } });
  }
}
