/**
 * The scheduler's HTTP client for the v1 scheduler API, shaped for a state
 * machine owner: `subscribe()` opens a stream and resolves on SUBSCRIBED;
 * events and the one `disconnected` of each stream arrive through listeners,
 * tagged with the stream's generation; `send()` posts other calls on separate
 * connections. The client never reconnects by itself: the owner re-subscribes
 * with backoff (mesos-go `httpsched`).
 */
import { systemClock, type Clock } from '../util/clock';
import { CatapultError } from '../util/catapult-error';
import { silentLogger, type Logger } from '../util/logger';
import { CallSender, DEFAULT_CALL_CONNECTIONS, DEFAULT_CALL_TIMEOUT_MS } from './call-sender';
import { ClientClosedError, NoMasterKnownError, NotSubscribedError, SubscribeStreamError, SubscribeSupersededError, SubscribeTimeoutError, WrongCallTypeError } from './client-errors';
import { type DisconnectReason } from './disconnect-reason';
import { authInterceptor } from './interceptors/auth-interceptor';
import { runInterceptors, type CallInterceptor } from './interceptors/call-interceptor';
import { frameworkIdInterceptor } from './interceptors/framework-id-interceptor';
import { streamIdInterceptor } from './interceptors/stream-id-interceptor';
import { Listeners } from './listeners';
import { MasterEndpoints } from './master-endpoints';
import { MesosHttpError } from './mesos-http-error';
import { resolveRedirect } from './redirect';
import { callTypeName, encodeSchedulerCall, isSuccessStatus, mediaType, type Encoding, type SchedulerCall, type SchedulerEvent } from './scheduler-codec';
import type { SchedulerClientOptions, SubscriptionInfo } from './scheduler-client-options';
import { runSubscription } from './subscription-runner';
import { SubscriptionStream } from './subscription-stream';
import { TransportError } from './transport-error';

/**
 * @example
 * const client = new SchedulerClient({ masters: ['http://m1:5050', 'http://m2:5050'], logger });
 * client.onEvent((event, generation) => machine.send({ type: 'mesos.event', event, generation }));
 * client.onDisconnected((reason, generation) => machine.send({ type: 'mesos.disconnected', reason, generation }));
 * const info = await client.subscribe(subscribeCall);   // resolves on SUBSCRIBED
 * await client.send(declineCall);                      // resolves on 202
 */
export class SchedulerClient {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly endpoints: MasterEndpoints;
  private readonly calls: CallSender;
  private readonly requestEncoding: Encoding;
  private readonly eventEncoding: Encoding;
  private readonly eventListeners: Listeners<[SchedulerEvent, number]>;
  private readonly disconnectListeners: Listeners<[DisconnectReason, number]>;
  private generation = 0;
  private stream: SubscriptionStream | undefined;
  private closed = false;

  constructor(private readonly options: SchedulerClientOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.logger = (options.logger ?? silentLogger).child({ component: 'scheduler-client' });
    const masters = options.masters === undefined ? [] : typeof options.masters === 'string' ? [options.masters] : options.masters;
    this.endpoints = new MasterEndpoints(masters);
    this.requestEncoding = options.requestEncoding ?? 'json';
    this.eventEncoding = options.eventEncoding ?? 'json';
    this.calls = new CallSender({
      clock: this.clock,
      callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      connectionsPerMaster: options.callConnectionsPerMaster ?? DEFAULT_CALL_CONNECTIONS,
    });
    const onListenerError = (err: unknown) => this.logger.error({ err }, 'a scheduler client listener threw');
    this.eventListeners = new Listeners(onListenerError);
    this.disconnectListeners = new Listeners(onListenerError);
  }

  /** Listens to every event of the current stream (SUBSCRIBED included, ERROR excluded: it becomes a disconnect). */
  onEvent(listener: (event: SchedulerEvent, generation: number) => void): () => void {
    return this.eventListeners.on(listener);
  }

  /** Listens to the end of established streams: exactly one call per stream that reached SUBSCRIBED. */
  onDisconnected(listener: (reason: DisconnectReason, generation: number) => void): () => void {
    return this.disconnectListeners.on(listener);
  }

  /** The generation of the current (or last) subscription attempt. */
  get currentGeneration(): number {
    return this.generation;
  }

  /** The `Mesos-Stream-Id` of the live subscription, or `undefined` between subscriptions. */
  get streamId(): string | undefined {
    return this.stream?.isEnded ? undefined : this.stream?.streamId;
  }

  /** The master the next SUBSCRIBE goes to. */
  get masterUrl(): string | undefined {
    return this.endpoints.current();
  }

  /** Makes `url` the master for the next SUBSCRIBE (e.g. a detector's new leader). Does not touch the current stream. */
  useMaster(url: string): void {
    this.endpoints.setCandidates([url]);
  }

  /**
   * Opens a new subscription, replacing any current one (whose later events
   * and disconnect are dropped), and resolves with it once SUBSCRIBED arrives.
   *
   * Rejects with a {@link TransportError}: a {@link MesosHttpError} for a non-200
   * answer, {@link SubscribeRejectedError} for an ERROR answer, or a network,
   * redirect or timeout error. After a temporary failure the next attempt goes
   * to the next configured master. A rejected attempt emits no `disconnected`.
   */
  subscribe(call: SchedulerCall): Promise<SubscriptionInfo> {
    const callType = callTypeName(call);
    if (this.closed) return Promise.reject(new ClientClosedError(callType));
    if (callType !== 'SUBSCRIBE') return Promise.reject(new WrongCallTypeError(callType, 'subscribe'));
    const previous = this.stream;
    const stream = new SubscriptionStream(++this.generation);
    this.stream = stream;
    previous?.end(new SubscribeSupersededError(previous.generation));
    const promise = stream.promise();
    const url = this.endpoints.current();
    if (url === undefined) {
      stream.end(new NoMasterKnownError());
      return promise;
    }
    stream.url = url;
    const timeoutMs = this.options.subscribeTimeoutMs ?? 30_000;
    stream.subscribeTimer = this.clock.setTimeout(() => this.failAttempt(stream, new SubscribeTimeoutError(stream.url ?? url, timeoutMs)), timeoutMs);
    void this.run(stream, call, url);
    promise.then((info) => this.calls.retainOnly(info.url), () => undefined);
    return promise;
  }

  /**
   * Sends a non-SUBSCRIBE call on a call connection; resolves on 202 (200 for UPDATE_FRAMEWORK).
   *
   * Rejects with a {@link TransportError}. A 307, or a status meaning the
   * subscription is gone, also ends the stream it was sent on (one `disconnected`).
   */
  async send(call: SchedulerCall): Promise<void> {
    const callType = callTypeName(call);
    if (this.closed) throw new ClientClosedError(callType);
    if (callType === 'SUBSCRIBE') throw new WrongCallTypeError(callType, 'send');
    const stream = this.stream;
    if (!stream || !stream.subscribed || stream.isEnded || stream.url === undefined) throw new NotSubscribedError(callType);
    const url = stream.url;
    const headers: Record<string, string> = { 'content-type': mediaType(this.requestEncoding) };
    await runInterceptors(this.interceptors(stream), { call, callType, headers, url });
    const answer = await this.calls.post(url, headers, encodeSchedulerCall(call, this.requestEncoding), callType);
    if (isSuccessStatus(callType, answer.status)) return;
    const error = new MesosHttpError({ status: answer.status, body: answer.text, callType, url, location: answer.location });
    if (answer.status === 307) {
      const leaderUrl = this.redirectTarget(url, answer.location);
      if (leaderUrl !== undefined) this.endpoints.useLeader(leaderUrl);
      this.endStream(stream, { kind: 'redirected', leaderUrl, error });
    } else if (error.isSubscriptionLoss()) {
      this.endStream(stream, { kind: 'subscription-lost', error });
    }
    throw error;
  }

  /** Ends the current stream: `disconnected({ kind: 'requested' })` if it was established; a pending attempt is rejected. */
  disconnect(note?: string): void {
    const stream = this.stream;
    if (!stream) return;
    if (stream.subscribed) this.endStream(stream, { kind: 'requested', note });
    else stream.end(new SubscribeSupersededError(stream.generation));
  }

  /** Ends the stream (`disconnected({ kind: 'closed' })` if established) and closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    const stream = this.stream;
    if (stream?.subscribed) this.endStream(stream, { kind: 'closed' });
    else stream?.end(new ClientClosedError('SUBSCRIBE'));
    this.closed = true;
    await this.calls.close();
  }

  private interceptors(stream: SubscriptionStream): CallInterceptor[] {
    const list = [
      frameworkIdInterceptor(() => stream.frameworkId),
      streamIdInterceptor(() => (stream.isEnded ? undefined : stream.streamId)),
    ];
    if (this.options.authorization) list.push(authInterceptor(this.options.authorization));
    return [...list, ...(this.options.interceptors ?? [])];
  }

  private async run(stream: SubscriptionStream, call: SchedulerCall, url: string): Promise<void> {
    try {
      const headers: Record<string, string> = { 'content-type': mediaType(this.requestEncoding), accept: mediaType(this.eventEncoding) };
      await runInterceptors(this.interceptors(stream), { call, callType: 'SUBSCRIBE', headers, url });
      const end = await runSubscription(stream, {
        url,
        headers,
        body: encodeSchedulerCall(call, this.requestEncoding),
        clock: this.clock,
        logger: this.logger,
        options: this.options,
        onRedirect: (to) => this.endpoints.useLeader(to),
        isCurrent: () => stream === this.stream && !stream.isEnded,
        onEvent: (event) => this.eventListeners.emit(event, stream.generation),
        onDisconnect: (reason) => this.endStream(stream, reason),
        fail: (err) => this.failAttempt(stream, err),
      });
      if (end !== undefined && !stream.subscribed) {
        const cause = 'error' in end ? end.error : 'cause' in end ? end.cause : undefined;
        this.failAttempt(stream, new SubscribeStreamError(stream.url ?? url, end.kind, cause));
      }
    } catch (err) {
      this.failAttempt(stream, err);
    }
  }

  /** Fails an attempt that has not reached SUBSCRIBED; temporary failures move on to the next master. */
  private failAttempt(stream: SubscriptionStream, err: unknown): void {
    if (stream.isEnded) return;
    const error = err instanceof CatapultError ? err : new SubscribeStreamError(stream.url ?? '?', 'unexpected failure', err);
    if (error instanceof TransportError && error.isTemporary()) {
      const failedUrl = typeof error.details.url === 'string' ? error.details.url : stream.url;
      if (failedUrl !== undefined) this.endpoints.failed(failedUrl);
    }
    this.logger.warn({ err: error, generation: stream.generation }, 'subscription attempt failed');
    if (stream.subscribed) this.endStream(stream, { kind: 'socket', error });
    else stream.end(error);
  }

  /** Ends an established stream and reports it, unless it already ended or is no longer current. */
  private endStream(stream: SubscriptionStream, reason: DisconnectReason): void {
    if (!stream.end(new SubscribeSupersededError(stream.generation))) return;
    if (stream !== this.stream || !stream.subscribed) return;
    this.logger.warn({ reason: reason.kind, generation: stream.generation }, 'subscription stream ended');
    this.disconnectListeners.emit(reason, stream.generation);
  }

  private redirectTarget(url: string, location: string | undefined): string | undefined {
    try {
      return resolveRedirect(url, location);
    } catch {
      return undefined;
    }
  }
}
