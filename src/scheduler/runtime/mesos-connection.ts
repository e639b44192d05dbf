/**
 * The Mesos subscription of one leadership term, driven by the framework
 * machine: the machine decides when to (re)subscribe (its durable
 * `resubscribe` deadline gives the backoff); this file performs the
 * SUBSCRIBE, persists the FrameworkID the moment SUBSCRIBED arrives (before
 * any event of the stream is acted on), and feeds back what happened.
 */
import { createActor, type Actor } from 'xstate';
import { frameworkMachine, type FrameworkMachine } from '../../../machines';
import { SubscribeRejectedError, type DisconnectReason, type SubscriptionInfo } from '../../transport';
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { isSubscribed, schedulerCalls, type FrameworkInfo, type SchedulerCall, type SchedulerEvent } from '../../wire';

/** What the connection needs of a scheduler client; `SchedulerClient` is one. */
export interface SubscriptionClient {
  subscribe(call: SchedulerCall): Promise<SubscriptionInfo>;
  send(call: SchedulerCall): Promise<void>;
  onEvent(listener: (event: SchedulerEvent, generation: number) => void): () => void;
  onDisconnected(listener: (reason: DisconnectReason, generation: number) => void): () => void;
  disconnect(note?: string): void;
}

export interface MesosConnectionOptions {
  client: SubscriptionClient;
  frameworkInfo: FrameworkInfo;
  /** The stored FrameworkID, or null for a new framework. */
  frameworkId: string | null;
  clock: Clock;
  logger: Logger;
  /** Re-subscribe backoff bounds (the framework machine's options). */
  resubscribeInitialMs?: number;
  resubscribeMaxMs?: number;
  /** Persists the FrameworkID; resolves once durable. Nothing of the stream is handled before. */
  persistFrameworkId: (frameworkId: string) => Promise<void>;
  /** Subscribed, the FrameworkID durable. */
  onSubscribed: (info: SubscriptionInfo) => void;
  /** An event of the established stream (SUBSCRIBED excluded), in order. */
  onEvent: (event: SchedulerEvent) => void;
  /** The established stream ended. */
  onDisconnected: (reason: DisconnectReason) => void;
  /** Mesos refused the FrameworkID for good; the connection has stopped. */
  onFrameworkRemoved: (frameworkId: string, message: string) => void;
}

/** One term's subscription. `start()` subscribes; `stop()` ends it for good. */
export class MesosConnection {
  private readonly actor: Actor<FrameworkMachine>;
  private readonly offs: Array<() => void> = [];
  private timer: TimerHandle | undefined;
  private started = new Set<string>();
  /** The generation whose events are delivered; events of others are dropped. */
  private liveGeneration: number | undefined;
  /** Events that arrived before the FrameworkID was durable. */
  /**
   * Events that arrive while a SUBSCRIBE is in flight, with their stream
   * generation. The records after SUBSCRIBED (HEARTBEAT, OFFERS) often share
   * its chunk and are dispatched before `subscribe()` resolves, so they are
   * kept here rather than dropped, and released once the FrameworkID is durable.
   */
  private held: Array<{ event: SchedulerEvent; generation: number }> | undefined;
  private stopped = false;

  constructor(private readonly options: MesosConnectionOptions) {
    const machine = frameworkMachine;
    this.actor = createActor(machine, {
      input: {
        frameworkId: options.frameworkId,
        options: { resubscribeInitialMs: options.resubscribeInitialMs ?? 500, resubscribeMaxMs: options.resubscribeMaxMs ?? 15_000 },
      },
    });
    this.actor.subscribe({ next: () => this.react(), error: (err) => options.logger.error({ err }, 'framework machine failed') });
    this.offs.push(
      options.client.onEvent((event, generation) => this.onClientEvent(event, generation)),
      options.client.onDisconnected((reason, generation) => this.onClientDisconnected(reason, generation)),
    );
  }

  /** The FrameworkID the machine holds. */
  get frameworkId(): string | null {
    return this.actor.getSnapshot().context.frameworkId;
  }

  /** True while a stream is established and the FrameworkID durable. */
  get subscribed(): boolean {
    return this.liveGeneration !== undefined && this.held === undefined;
  }

  /** The framework machine's state, e.g. `{ leading: 'subscribed' }`. */
  get state(): unknown {
    return this.actor.getSnapshot().value;
  }

  /** Failed attempts in a row and the last error. */
  get attempts(): { attempts: number; lastError: string | null } {
    const { attempts, lastError } = this.actor.getSnapshot().context;
    return { attempts, lastError };
  }

  start(): void {
    if (this.stopped) return;
    this.actor.start();
    this.actor.send({ type: 'elected', at: this.options.clock.now() });
  }

  /** Ends the subscription and acts no more. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.liveGeneration = undefined;
    this.held = undefined;
    this.timer?.cancel();
    for (const off of this.offs) off();
    this.actor.send({ type: 'stop', at: this.options.clock.now() });
    this.actor.stop();
    this.options.client.disconnect('stepping down');
  }

  /** Drops the stream (e.g. a new leading master was detected); the machine re-subscribes after its backoff. */
  reconnect(note: string): void {
    this.options.client.disconnect(note);
  }

  private react(): void {
    if (this.stopped) return;
    const { context } = this.actor.getSnapshot();
    for (const command of context.outbox) {
      if (this.started.has(command.id)) continue;
      this.started.add(command.id);
      this.actor.send({ type: 'command.done', id: command.id, at: this.options.clock.now() });
      void this.subscribe(command.frameworkId);
    }
    this.timer?.cancel();
    this.timer = undefined;
    const dueAt = context.deadlines.resubscribe;
    if (dueAt !== undefined) {
      this.timer = this.options.clock.setTimeout(() => {
        if (!this.stopped) this.actor.send({ type: 'timer', name: 'resubscribe', at: this.options.clock.now() });
      }, dueAt - this.options.clock.now());
    }
  }

  private async subscribe(frameworkId: string | null): Promise<void> {
    const { client, logger, frameworkInfo } = this.options;
    this.liveGeneration = undefined;
    this.held = [];
    let info: SubscriptionInfo;
    try {
      info = await client.subscribe(schedulerCalls.subscribe(frameworkInfo, { frameworkId }));
    } catch (err) {
      if (this.stopped) return;
      this.held = undefined;
      const at = this.options.clock.now();
      if (err instanceof SubscribeRejectedError) {
        // A fatal rejection is reported once, by whoever handles onFrameworkRemoved.
        if (!this.reportError(err.mesosMessage, frameworkId)) logger.warn({ err, frameworkId }, 'SUBSCRIBE rejected; retrying with backoff');
        return;
      }
      logger.warn({ err, frameworkId }, 'SUBSCRIBE failed; retrying with backoff');
      this.actor.send({ type: 'disconnected', reason: (err as Error).message, at });
      return;
    }
    if (this.stopped) return;
    this.liveGeneration = info.generation;
    try {
      await this.options.persistFrameworkId(info.frameworkId);
    } catch (err) {
      if (this.stopped) return;
      logger.error({ err, frameworkId: info.frameworkId }, 'could not persist the FrameworkID; dropping the subscription');
      this.liveGeneration = undefined;
      this.held = undefined;
      client.disconnect('could not persist the FrameworkID');
      this.actor.send({ type: 'disconnected', reason: 'could not persist the FrameworkID', at: this.options.clock.now() });
      return;
    }
    if (this.stopped || this.liveGeneration !== info.generation) return;
    const held = this.held ?? [];
    this.held = undefined;
    this.actor.send({ type: 'subscribed', frameworkId: info.frameworkId, at: this.options.clock.now() });
    this.options.onSubscribed(info);
    for (const { event, generation } of held) {
      if (this.stopped || this.liveGeneration !== info.generation) return;
      if (generation === info.generation) this.options.onEvent(event);
    }
  }

  /** Feeds an ERROR to the framework machine; true when it was fatal (the connection has stopped). */
  private reportError(message: string, frameworkId: string | null): boolean {
    this.actor.send({ type: 'error', message, at: this.options.clock.now() });
    if (this.actor.getSnapshot().status !== 'done' && this.actor.getSnapshot().value !== 'stopped') return false;
    this.stopped = true;
    this.timer?.cancel();
    for (const off of this.offs) off();
    this.options.onFrameworkRemoved(frameworkId ?? '', message);
    return true;
  }

  private onClientEvent(event: SchedulerEvent, generation: number): void {
    if (this.stopped || isSubscribed(event)) return;
    if (this.held) {
      // Before subscribe() resolves the live generation is not known yet; keep everything and sort it out then.
      if (this.liveGeneration === undefined || generation === this.liveGeneration) this.held.push({ event, generation });
      return;
    }
    if (generation === this.liveGeneration) this.options.onEvent(event);
  }

  private onClientDisconnected(reason: DisconnectReason, generation: number): void {
    if (this.stopped || generation !== this.liveGeneration) return;
    const wasSubscribed = this.held === undefined;
    this.liveGeneration = undefined;
    this.held = undefined;
    const at = this.options.clock.now();
    if (reason.kind === 'error' && reason.errorKind === 'framework-removed') {
      if (!this.reportError(reason.message, this.frameworkId)) this.options.logger.warn({ message: reason.message }, 'Mesos ended the stream with an error; re-subscribing');
      if (wasSubscribed) this.options.onDisconnected(reason);
      return;
    }
    this.actor.send({ type: 'disconnected', reason: reason.kind === 'error' ? reason.message : reason.kind, at });
    if (wasSubscribed) this.options.onDisconnected(reason);
  }
}
