/** The framework machine's events, context and commands. */

export type FrameworkEvent =
  | { type: 'elected'; at: number }
  | { type: 'deposed'; at: number }
  | { type: 'suspended'; at: number }
  | { type: 'subscribed'; frameworkId: string; at: number }
  | { type: 'disconnected'; reason: string; at: number }
  | { type: 'error'; message: string; at: number }
  | { type: 'stop'; at: number }
  | { type: 'timer'; name: 'resubscribe'; at: number }
  | { type: 'command.done'; id: string; at: number };

/** What the runtime must do for the framework; removed by `command.done`. */
export type FrameworkCommand = { id: string; type: 'subscribe'; frameworkId: string | null };

export interface FrameworkOptions {
  resubscribeInitialMs: number;
  resubscribeMaxMs: number;
}

export interface FrameworkContext {
  frameworkId: string | null;
  /** Consecutive failed subscriptions; reset on `subscribed`. */
  attempts: number;
  lastError: string | null;
  deadlines: { resubscribe?: number };
  outbox: FrameworkCommand[];
  commandSeq: number;
  options: FrameworkOptions;
}

export interface FrameworkInput {
  /** The FrameworkID stored by a previous leader, if any. */
  frameworkId?: string | null;
  options?: Partial<FrameworkOptions>;
}
