/**
 * Faults on demand for the local cluster: cut a scheduler's stream, fail the
 * master over, stop, restart or partition an agent, bend status updates on
 * their way to the scheduler (drop, delay, duplicate, reorder), and answer
 * scheduler calls with 503. Random choices come from one seed, printed as
 * `SEED=<n>` by the cluster, so a failing run can be replayed.
 *
 * @example
 * const cluster = await createLocalCluster({ seed: 42 });
 * cluster.faults.failNextCalls(2);                 // next two calls → 503
 * cluster.faults.setUpdateFaults({ dropRate: 0.1 }); // lose 10 % of updates
 * await cluster.faults.partitionAgent(cluster.agents[0].agentId);
 */
import type { mesos } from '../../proto/gen/mesos';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/logger';
import type { Random } from '../util/random';
import { CatapultError } from '../util/catapult-error';
import { MasterUnavailableError, type MasterHttpError } from './master/errors';
import type { MasterFaultHooks } from './master/fault-hooks';

/** How status updates are bent on their way to the scheduler. Rates are probabilities in [0, 1]. */
export interface UpdateFaults {
  dropRate?: number;
  duplicateRate?: number;
  /** Hold an update back until the next one for the same framework has gone (or `reorderHoldMs` passed). */
  reorderRate?: number;
  reorderHoldMs?: number;
  /** Delay every update by this many ms (a `[min, max]` pair draws uniformly). */
  delayMs?: number | readonly [number, number];
}

/** One fault chaos mode injected; `target` is the agent or framework id it hit. */
export interface ChaosFault {
  kind: 'partition-agent' | 'cut-stream' | 'fail-call';
  target?: string;
}

/** What faults act on; the cluster provides it. */
export interface FaultTargets {
  cutStream(frameworkId: string): boolean;
  failoverMaster(): Promise<void>;
  stopAgent(agentId: string): Promise<void>;
  restartAgent(agentId: string): Promise<void>;
  partitionAgent(agentId: string): void;
  healAgent(agentId: string): void;
  agentIds(): string[];
  frameworkIds(): string[];
}

/** A fault acting on the cluster was requested before the cluster was assembled. */
export class FaultsNotBoundError extends CatapultError {
  constructor() {
    super('CATAPULT_DEVCLUSTER_FAULTS_NOT_BOUND', 'These faults are not bound to a cluster yet: use the `faults` of a started cluster (createLocalCluster).');
  }
}

interface CallFault {
  remaining: number;
  callType: string | undefined;
}

/** The fault controller of one cluster; also the master's {@link MasterFaultHooks}. */
export class ClusterFaults implements MasterFaultHooks {
  private callFaults: CallFault[] = [];
  private updates: UpdateFaults = {};
  private readonly held = new Map<string, { deliver: () => void; timer: TimerHandle }>();
  private chaosTimer: TimerHandle | undefined;
  private readonly chaosLog: ChaosFault[] = [];
  private targets: FaultTargets | undefined;

  constructor(
    /** The seed every random fault decision derives from. */
    readonly seed: number,
    private readonly random: Random,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Connects the faults to the cluster they act on. */
  bind(targets: FaultTargets): void {
    this.targets = targets;
  }

  /** Answers the next `count` scheduler calls (of `callType` only, e.g. `ACCEPT`, when given) with 503. */
  failNextCalls(count: number, callType?: string): void {
    this.callFaults.push({ remaining: count, callType });
  }

  /** Bends status updates from now on; `{}` restores healthy delivery. */
  setUpdateFaults(faults: UpdateFaults): void {
    this.updates = { ...faults };
  }

  clearCallFaults(): void {
    this.callFaults = [];
  }

  /** Cuts a framework's subscription stream as a network failure would. */
  cutStream(frameworkId: string): boolean {
    return this.need().cutStream(frameworkId);
  }

  /** Kills the leading master; another takes over (a fresh one on the same port when there is only one). */
  failoverMaster(): Promise<void> {
    return this.need().failoverMaster();
  }

  stopAgent(agentId: string): Promise<void> {
    return this.need().stopAgent(agentId);
  }

  restartAgent(agentId: string): Promise<void> {
    return this.need().restartAgent(agentId);
  }

  /** Cuts an agent off: its tasks go TASK_UNREACHABLE (partition-aware frameworks) or TASK_LOST. */
  partitionAgent(agentId: string): void {
    this.need().partitionAgent(agentId);
  }

  /** Ends a partition: the agent re-registers and its tasks are reported running again. */
  healAgent(agentId: string): void {
    this.need().healAgent(agentId);
  }

  /**
   * Random faults every `intervalMs`, chosen by the seed: a partition (healed
   * one interval later), a cut stream, or a 503 answer.
   */
  startChaos(intervalMs: number): void {
    this.stopChaos();
    const tick = () => {
      this.chaosStep(intervalMs);
      this.chaosTimer = this.clock.setTimeout(tick, intervalMs);
    };
    this.chaosTimer = this.clock.setTimeout(tick, intervalMs);
  }

  /** The faults chaos mode injected so far, oldest first: one seed and one cluster shape give one sequence. */
  chaosHistory(): readonly ChaosFault[] {
    return [...this.chaosLog];
  }

  stopChaos(): void {
    this.chaosTimer?.cancel();
    this.chaosTimer = undefined;
  }

  /** Stops chaos and flushes held updates. */
  dispose(): void {
    this.stopChaos();
    for (const { deliver, timer } of this.held.values()) {
      timer.cancel();
      deliver();
    }
    this.held.clear();
  }

  beforeCall(callType: string): MasterHttpError | undefined {
    const fault = this.callFaults.find((f) => f.remaining > 0 && (f.callType === undefined || f.callType === callType));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.callFaults = this.callFaults.filter((f) => f.remaining > 0);
    this.logger.info({ callType, seed: this.seed }, 'fault: answering a scheduler call with 503');
    return new MasterUnavailableError('Injected fault: the master is unavailable for this call; retry with backoff');
  }

  relayUpdate(frameworkId: string, event: mesos.v1.scheduler.IEvent, deliver: (event: mesos.v1.scheduler.IEvent) => void): void {
    const f = this.updates;
    if (this.chance(f.dropRate)) {
      this.logger.info({ frameworkId, taskId: event.update?.status?.task_id?.value, seed: this.seed }, 'fault: dropping a status update');
      return;
    }
    const copies = this.chance(f.duplicateRate) ? 2 : 1;
    const send = () => {
      for (let i = 0; i < copies; i++) deliver(event);
      this.releaseHeld(frameworkId);
    };
    if (this.chance(f.reorderRate) && !this.held.has(frameworkId)) {
      const timer = this.clock.setTimeout(() => this.releaseHeld(frameworkId), f.reorderHoldMs ?? 100);
      this.held.set(frameworkId, { deliver: () => this.later(send), timer });
      return;
    }
    this.later(send);
  }

  private later(fn: () => void): void {
    const delay = this.updates.delayMs;
    if (delay === undefined) return fn();
    const ms = typeof delay === 'number' ? delay : delay[0] + this.random.next() * (delay[1] - delay[0]);
    this.clock.setTimeout(fn, ms);
  }

  private releaseHeld(frameworkId: string): void {
    const held = this.held.get(frameworkId);
    if (!held) return;
    this.held.delete(frameworkId);
    held.timer.cancel();
    held.deliver();
  }

  private chance(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.random.next() < rate;
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.random.next() * items.length)];
  }

  private chaosStep(intervalMs: number): void {
    const targets = this.need();
    const roll = this.random.next();
    if (roll < 0.4) {
      const agentId = this.pick(targets.agentIds());
      if (agentId === undefined) return;
      this.logger.warn({ agentId, seed: this.seed }, 'chaos: partitioning an agent');
      this.chaosLog.push({ kind: 'partition-agent', target: agentId });
      targets.partitionAgent(agentId);
      this.clock.setTimeout(() => targets.healAgent(agentId), intervalMs / 2);
    } else if (roll < 0.7) {
      const frameworkId = this.pick(targets.frameworkIds());
      if (frameworkId === undefined) return;
      this.logger.warn({ frameworkId, seed: this.seed }, 'chaos: cutting a subscription stream');
      this.chaosLog.push({ kind: 'cut-stream', target: frameworkId });
      targets.cutStream(frameworkId);
    } else {
      this.logger.warn({ seed: this.seed }, 'chaos: answering the next scheduler call with 503');
      this.chaosLog.push({ kind: 'fail-call' });
      this.failNextCalls(1);
    }
  }

  private need(): FaultTargets {
    if (!this.targets) throw new FaultsNotBoundError();
    return this.targets;
  }
}
