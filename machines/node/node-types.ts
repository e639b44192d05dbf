/**
 * The node machine's events, context and commands. Every event carries `at`
 * (ms since the epoch, from the runtime's clock): the machine never reads time.
 */
import type { TaskStateName } from '../common/task-state';

/** Names of the node's durable timers (each one a deadline in `context.deadlines`). */
export type NodeTimerName = 'relaunch' | 'killRetry' | 'launchTimeout' | 'stable' | 'unreachable';

/** Operator commands a user or the dashboard can send to a node. */
export type NodeOperatorCommand = 'kill' | 'remove' | 'relaunch' | 'pause' | 'resume';

/** A Mesos status update for one of this node's tasks (current or older incarnation). */
export interface TaskStatusEvent {
  type: 'task.status';
  taskId: string;
  state: TaskStateName;
  reason?: string;
  source?: string;
  /** The status update's uuid, base64; present when Mesos expects an acknowledgement. */
  uuid?: string;
  message?: string;
  agentId?: string;
  executorId?: string;
  at: number;
}

export type NodeEvent =
  | TaskStatusEvent
  | { type: 'executor.message'; data: string; at: number }
  | { type: 'message.send'; data: string; at: number }
  | { type: 'offer.matched'; agentId: string; hostname: string; offerId: string; ports?: number[]; at: number }
  | { type: 'offer.unplaced'; reason: string; at: number }
  | { type: NodeOperatorCommand; at: number }
  | { type: 'timer'; name: NodeTimerName; at: number }
  | { type: 'command.done'; id: string; at: number };

/** What the runtime must do; kept in `context.outbox` until it sends `command.done`. */
export type NodeCommand =
  | { id: string; type: 'launch'; taskId: string; agentId: string; hostname: string; offerId: string; ports?: number[] }
  | { id: string; type: 'kill'; taskId: string; agentId?: string }
  | { id: string; type: 'acknowledge'; agentId: string; taskId: string; uuid: string }
  | { id: string; type: 'message'; taskId: string; agentId: string; executorId?: string; data: string };

/** Why a history entry was written. */
export type HistoryCause =
  | { kind: 'created' }
  | { kind: 'mesos'; taskId: string; state: TaskStateName; reason?: string; source?: string; uuid?: string; stale?: true }
  | { kind: 'message' }
  | { kind: 'operator'; command: NodeOperatorCommand | 'send' }
  | { kind: 'timer'; name: NodeTimerName }
  | { kind: 'offer'; offerId?: string; agentId?: string; reason?: string }
  | { kind: 'other'; type: string };

/** One journal line: a transition (or, for an older incarnation's status, a non-transition). */
export interface HistoryEntry {
  at: number;
  from: string | null;
  to: string;
  cause: HistoryCause;
}

/** Absolute deadlines (ms since the epoch) the runtime arms as timers. */
export type NodeDeadlines = Partial<Record<NodeTimerName, number>>;

/** Tunables stored with each node so a restored node keeps its policy. */
export interface NodeOptions {
  /** First relaunch delay. */
  backoffInitialMs: number;
  /** Upper bound of the relaunch delay. */
  backoffMaxMs: number;
  /** Running this long without a failure resets `failures` to 0. */
  stableAfterMs: number;
  /** Interval between kill retries while a kill is unanswered. */
  killRetryMs: number;
  /** How long `launching` waits for a first status before the launch counts as lost. */
  launchTimeoutMs: number;
  /** How long an unreachable task is waited for before it counts as lost. */
  unreachableTimeoutMs: number;
  /** Failures after which the default `shouldRelaunch` gives up; `null` never gives up. */
  maxFailures: number | null;
  /** History entries kept. */
  historyLimit: number;
}

/** Why the node is killing its task, i.e. where it goes once the task is terminal. */
export type KillIntent = 'kill' | 'remove' | 'pause' | 'relaunch';

export interface NodeContext {
  appId: string;
  nodeId: string;
  /** Incarnation of the current task; the current task id is `<nodeId>.<incarnation>`. */
  incarnation: number;
  /** True once a launch was emitted for the current incarnation. */
  launched: boolean;
  /** Consecutive failures; reset after running stably for `options.stableAfterMs`. */
  failures: number;
  /** Name of the state the journal last recorded (the `from` of the next entry). */
  stateName: string | null;
  pendingReason: string | null;
  agentId: string | null;
  hostname: string | null;
  executorId: string | null;
  offerId: string | null;
  ports: number[] | null;
  lastStatus: { taskId: string; state: TaskStateName; reason?: string; source?: string; message?: string; at: number } | null;
  killIntent: KillIntent | null;
  deadlines: NodeDeadlines;
  outbox: NodeCommand[];
  commandSeq: number;
  history: HistoryEntry[];
  options: NodeOptions;
  createdAt: number;
}

/** Input of `createActor(nodeMachine, { input })`. */
export interface NodeInput {
  appId: string;
  nodeId: string;
  /** Creation time, from the runtime's clock. */
  at: number;
  options?: Partial<NodeOptions>;
}
