/**
 * One custom executor on the agent: its process, its event stream once it
 * subscribed, and the launches queued for it until then.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { Clock, TimerHandle } from '../../util/clock';
import type { Logger } from '../../util/logger';
import type { ExecutorEventStream } from './executor-stream';
import type { ProcessExit, SupervisedProcess } from './process-supervisor';

const EventType = mesos.v1.executor.Event.Type;

/** A launch waiting for the executor to subscribe. */
export type QueuedLaunch = { task: mesos.v1.ITaskInfo } | { group: mesos.v1.ITaskGroupInfo };

/** The lifecycle of an executor run, as the agent sees it. */
export type ExecutorRunState = 'launching' | 'registering' | 'subscribed' | 'disconnected' | 'terminating' | 'terminated';

/** A custom executor's runtime state. */
export class ExecutorRun {
  state: ExecutorRunState = 'launching';
  process: SupervisedProcess | undefined;
  sandboxPath: string | undefined;
  /** The executor subscribed at least once (later subscriptions are re-subscriptions). */
  everSubscribed = false;
  /** The agent restarted since the executor last subscribed: its next SUBSCRIBE is a recovery. */
  recovering = false;
  /** An exit that happened while the agent was down, handled once it is back. */
  deferredExit: ProcessExit | undefined;
  readonly queue: QueuedLaunch[] = [];
  private stream: ExecutorEventStream | undefined;
  private registrationTimer: TimerHandle | undefined;
  private shutdownTimer: TimerHandle | undefined;

  constructor(
    readonly frameworkId: string,
    readonly executorInfo: mesos.v1.IExecutorInfo,
    readonly containerId: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  get executorId(): string {
    return this.executorInfo.executor_id.value;
  }

  /** True once the process has ended (or never started). */
  get hasExited(): boolean {
    return this.state === 'terminated';
  }

  /** True while an event stream is open. */
  get isSubscribed(): boolean {
    return this.stream !== undefined && !this.stream.isClosed;
  }

  /** Waits `timeoutMs` for a subscription, then calls `onTimeout`. */
  armRegistrationTimer(timeoutMs: number, onTimeout: () => void): void {
    this.registrationTimer?.cancel();
    this.registrationTimer = this.clock.setTimeout(() => {
      this.registrationTimer = undefined;
      if (!this.isSubscribed && this.state !== 'terminated') onTimeout();
    }, timeoutMs);
  }

  /** Makes `stream` the executor's stream, closing the previous one. */
  attach(stream: ExecutorEventStream): ExecutorEventStream | undefined {
    const previous = this.stream;
    this.stream = stream;
    this.registrationTimer?.cancel();
    this.registrationTimer = undefined;
    this.everSubscribed = true;
    if (this.state !== 'terminating') this.state = 'subscribed';
    previous?.close();
    return previous;
  }

  /** True when `stream` is the current one (a replaced stream's close means nothing). */
  isCurrent(stream: ExecutorEventStream): boolean {
    return this.stream === stream;
  }

  /** The stream ended without a replacement. */
  detach(): void {
    this.stream = undefined;
    if (this.state === 'subscribed') this.state = 'disconnected';
  }

  /** Sends an event; false when there is no stream to send it on. */
  send(event: mesos.v1.executor.IEvent): boolean {
    if (!this.isSubscribed) return false;
    this.stream?.send(event);
    return true;
  }

  /** Cuts the stream abruptly (the agent is going down). */
  cutStream(): void {
    this.stream?.destroy();
    this.stream = undefined;
    this.registrationTimer?.cancel();
    this.registrationTimer = undefined;
    if (this.state === 'subscribed') this.state = 'disconnected';
  }

  /**
   * SHUTDOWN: tells a subscribed executor to stop and kills it after
   * `gracePeriodMs`; an executor that never subscribed is killed at once.
   */
  shutdown(gracePeriodMs: number): void {
    if (this.state === 'terminated' || this.state === 'terminating') return;
    this.state = 'terminating';
    this.registrationTimer?.cancel();
    if (this.send({ type: EventType.SHUTDOWN })) {
      this.shutdownTimer = this.clock.setTimeout(() => this.process?.kill(), gracePeriodMs);
    } else {
      this.process?.kill();
    }
  }

  /** Kills the process now. */
  kill(): void {
    this.state = this.state === 'terminated' ? 'terminated' : 'terminating';
    this.registrationTimer?.cancel();
    this.process?.kill();
  }

  /** The process ended: stop every timer and close the stream. */
  terminated(): void {
    this.state = 'terminated';
    this.registrationTimer?.cancel();
    this.shutdownTimer?.cancel();
    this.stream?.close();
    this.stream = undefined;
    this.logger.debug({ executorId: this.executorId }, 'executor terminated');
  }
}
