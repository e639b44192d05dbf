/**
 * The executor side of the v1 executor HTTP API (mesos-http-api.md §3): it
 * subscribes with its unacknowledged tasks and updates, reads the event
 * stream, sends UPDATE and MESSAGE calls on a second connection, resends
 * updates until the agent answers ACKNOWLEDGED, and re-subscribes after a
 * disconnect when the framework checkpoints (a random delay in
 * [0, MESOS_SUBSCRIPTION_BACKOFF_MAX] between attempts, for at most
 * MESOS_RECOVERY_TIMEOUT). Without checkpointing a lost stream ends the client.
 */
import { systemClock, type Clock, type TimerHandle } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { systemRandom, type Random } from '../util/random';
import { CONTENT_TYPES, encodeExecutorCall, executorCalls, mesos, taskStateName, type Encoding, type ExecutorCall, type ExecutorEvent, type TaskInfo, type TaskStatus } from '../wire';
import { createAgentConnection, type AgentConnection } from './agent-connection';
import { AgentError, AgentHttpError } from './agent-http-error';
import { ExecutorAlreadyStartedError, ExecutorClosedError, ExecutorDisconnectedError, ExecutorNotSubscribedError, ExecutorRecoveryTimeoutError } from './executor-errors';
import type { ExecutorClientOptions } from './executor-client-options';
import type { ExecutorEnvironment } from './executor-environment';
import type { ExecutorPort } from './executor-port';
import { readSubscription, type SubscriptionEnd } from './subscription-reader';
import { UnacknowledgedLedger, type PendingUpdate } from './unacknowledged-ledger';
import { UpdateRetrier } from './update-retrier';

const EventType = mesos.v1.executor.Event.Type;

/** Receives what the stream carries. */
export interface ExecutorClientListener {
  /** Every event except ACKNOWLEDGED, HEARTBEAT and ERROR, which the client handles itself. */
  onEvent(event: ExecutorEvent): void;
}

/** Why {@link ExecutorClient.start}'s promise resolved. */
export type ExecutorClientEnd =
  | { reason: 'closed' }
  | { reason: 'shutdown' }
  | { reason: 'lost'; error: Error };

/** One executor's link to its agent. Implements {@link ExecutorPort} for the runtime. */
export class ExecutorClient implements ExecutorPort {
  private readonly env: ExecutorEnvironment;
  private readonly connection: AgentConnection;
  private readonly encoding: Encoding;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly logger: Logger;
  private readonly ledger = new UnacknowledgedLedger();
  private readonly retrier: UpdateRetrier;
  private isSubscribed = false;
  private closed = false;
  private shutdownReceived = false;
  private closeCurrentStream: (() => void) | undefined;
  private wakeUp: (() => void) | undefined;
  private started = false;
  private lost = false;
  /** The keys of the updates the last SUBSCRIBE replayed. */
  private replayedKeys = new Set<string>();

  constructor(private readonly options: ExecutorClientOptions) {
    this.env = options.environment;
    this.encoding = options.encoding ?? 'json';
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? systemRandom;
    this.logger = options.logger ?? silentLogger;
    this.connection =
      options.connection ??
      createAgentConnection(this.env.agentUrl, { socketPath: this.env.socketPath, authenticationToken: this.env.authenticationToken });
    this.retrier = new UpdateRetrier(this.clock, options.updateRetryMs ?? 10_000, options.updateRetryMaxMs ?? 300_000, (entry) => this.resend(entry));
  }

  /** True while a subscription stream is open and SUBSCRIBED has arrived. */
  get subscribed(): boolean {
    return this.isSubscribed;
  }

  /** True while a checkpointing executor is between subscriptions and still trying. */
  private get reconnecting(): boolean {
    return this.started && !this.closed && !this.isSubscribed && !this.shutdownReceived && !this.lost && this.env.checkpoint;
  }

  /** The unacknowledged tasks and updates (read-only views for tests and logs). */
  get unacknowledged(): { tasks: TaskInfo[]; updates: Array<{ status: TaskStatus }> } {
    return { tasks: this.ledger.unacknowledgedTasks(), updates: this.ledger.unacknowledgedUpdates() };
  }

  /**
   * Subscribes and keeps the subscription alive. Resolves when the client is
   * closed, when the agent shut the executor down and closed the stream, or
   * when the agent is lost for good (`reason: 'lost'` with a typed error).
   */
  async start(listener: ExecutorClientListener): Promise<ExecutorClientEnd> {
    if (this.started) throw new ExecutorAlreadyStartedError('ExecutorClient.start()');
    this.started = true;
    let lostAtMs = this.clock.now();
    let everSubscribed = false;
    let lastError: unknown;
    for (;;) {
      if (this.closed) return { reason: 'closed' };
      const end = await this.subscribeOnce(listener);
      if (this.closed) return { reason: 'closed' };
      if (this.shutdownReceived) return { reason: 'shutdown' };
      if (end.subscribed) {
        everSubscribed = true;
        lostAtMs = this.clock.now();
      }
      lastError = end.error ?? lastError;
      if (end.error instanceof AgentError && end.error.isFatal()) return this.lose(end.error);
      if (everSubscribed && !this.env.checkpoint) return this.lose(new ExecutorDisconnectedError(end.error));
      const budgetMs = this.env.checkpoint ? this.env.recoveryTimeoutMs : this.options.registrationTimeoutMs ?? 60_000;
      const remainingMs = lostAtMs + budgetMs - this.clock.now();
      if (remainingMs <= 0) return this.lose(new ExecutorRecoveryTimeoutError(budgetMs, lastError));
      const delayMs = Math.min(remainingMs, this.random.next() * this.env.subscriptionBackoffMaxMs);
      this.logger.info({ delayMs: Math.round(delayMs), err: end.error }, 'not subscribed to the agent; retrying SUBSCRIBE');
      await this.sleep(delayMs);
    }
  }

  /** {@inheritDoc ExecutorPort.trackTask} */
  trackTask(task: TaskInfo): void {
    this.ledger.addTask(task);
  }

  /** {@inheritDoc ExecutorPort.sendUpdate} */
  sendUpdate(status: TaskStatus): void {
    if (this.closed) {
      // Only an app that settles after the executor gave up gets here; nobody can deliver it any more.
      this.logger.warn({ taskId: status.task_id.value, state: taskStateName(status.state) }, 'the executor is closed; update dropped');
      return;
    }
    const entry = this.ledger.addUpdate({ status });
    this.retrier.schedule(entry);
    if (this.isSubscribed) void this.resend(entry);
  }

  /** {@inheritDoc ExecutorPort.sendMessage} */
  async sendMessage(data: Uint8Array): Promise<void> {
    if (this.closed) throw new ExecutorClosedError('MESSAGE');
    if (!this.isSubscribed) throw new ExecutorNotSubscribedError('MESSAGE');
    await this.post(executorCalls.message(this.env.frameworkId, this.env.executorId, data), 'MESSAGE');
  }

  /** {@inheritDoc ExecutorPort.waitForAcknowledgements} */
  waitForAcknowledgements(timeoutMs: number, options: { extendWhileReconnecting?: boolean } = {}): Promise<boolean> {
    return new Promise((resolve) => {
      let timer: TimerHandle;
      const arm = (): void => {
        timer = this.clock.setTimeout(() => {
          // A checkpointing executor that is re-subscribing will replay the updates; the recovery timeout bounds this.
          if (options.extendWhileReconnecting && this.reconnecting) arm();
          else resolve(false);
        }, timeoutMs);
      };
      arm();
      void this.ledger.drained().then(() => {
        timer.cancel();
        resolve(true);
      });
    });
  }

  /** Stops subscribing, cancels retries and closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.isSubscribed = false;
    this.retrier.cancelAll();
    this.closeCurrentStream?.();
    this.wakeUp?.();
    await this.connection.close();
  }

  private async subscribeOnce(listener: ExecutorClientListener): Promise<SubscriptionEnd> {
    this.replayedKeys = new Set(this.ledger.pendingUpdates().map((e) => e.key));
    const call = executorCalls.subscribe(this.env.frameworkId, this.env.executorId, {
      unacknowledgedTasks: this.ledger.unacknowledgedTasks(),
      unacknowledgedUpdates: this.ledger.unacknowledgedUpdates(),
    });
    return readSubscription({
      connection: this.connection,
      body: encodeExecutorCall(call, this.encoding),
      contentType: CONTENT_TYPES[this.encoding],
      logger: this.logger,
      onOpen: (close) => (this.closeCurrentStream = close),
      isClosed: () => this.closed,
      onEvent: (event) => this.dispatch(event, listener),
    }).finally(() => {
      this.closeCurrentStream = undefined;
      this.isSubscribed = false;
    });
  }

  private dispatch(event: ExecutorEvent, listener: ExecutorClientListener): void {
    switch (event.type) {
      case EventType.SUBSCRIBED:
        this.isSubscribed = true;
        this.logger.info({ pendingUpdates: this.ledger.pendingUpdateCount }, 'subscribed to the agent');
        // SUBSCRIBE carried the updates pending when it was sent: count their retry time from now.
        // Updates made while it was in flight are news to the agent: send them now.
        this.retrier.rescheduleAll(this.ledger.pendingUpdates());
        for (const entry of this.ledger.pendingUpdates()) if (!this.replayedKeys.has(entry.key)) void this.resend(entry);
        break;
      case EventType.ACKNOWLEDGED:
        if (event.acknowledged) {
          const entry = this.ledger.acknowledge(event.acknowledged.task_id.value, event.acknowledged.uuid);
          if (entry) this.retrier.cancel(entry.key);
        }
        return;
      case EventType.SHUTDOWN:
        this.shutdownReceived = true;
        break;
      case EventType.HEARTBEAT:
        return;
      default:
        break;
    }
    try {
      listener.onEvent(event);
    } catch (err) {
      this.logger.error({ err }, 'the event listener threw');
    }
  }

  private async resend(entry: PendingUpdate): Promise<void> {
    if (!this.isSubscribed || this.closed || !this.ledger.isPending(entry.key)) return;
    try {
      await this.post(executorCalls.update(this.env.frameworkId, this.env.executorId, entry.update.status), 'UPDATE');
    } catch (err) {
      if (err instanceof AgentHttpError && err.isFatal()) {
        // The agent will never accept this update; keeping it would hold the executor until the ack timeout.
        this.logger.error({ err, taskId: entry.taskId }, 'the agent rejected an update; dropping it');
        this.ledger.acknowledge(entry.taskId, entry.update.status.uuid as Uint8Array);
        this.retrier.cancel(entry.key);
        return;
      }
      this.logger.warn({ err, taskId: entry.taskId }, 'sending an update failed; it will be resent');
    }
  }

  private async post(call: ExecutorCall, callType: string): Promise<void> {
    const response = await this.connection.call({ callType, body: encodeExecutorCall(call, this.encoding), contentType: CONTENT_TYPES[this.encoding] });
    if (response.status !== 202 && response.status !== 200) {
      throw new AgentHttpError({ status: response.status, body: response.body, callType, url: this.connection.url });
    }
  }

  private lose(error: Error): ExecutorClientEnd {
    this.lost = true;
    this.logger.error({ err: error }, 'giving up on the agent');
    return { reason: 'lost', error };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: TimerHandle | undefined;
      const done = (): void => {
        timer?.cancel();
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
      timer = this.clock.setTimeout(done, ms);
    });
  }
}
