/**
 * The seam through which node commands leave the process. The scheduler
 * implements it (ACCEPT, KILL, ACKNOWLEDGE, MESSAGE calls); tests record calls.
 * Every method must be idempotent: after a failover the same command may run
 * again (same task id for a launch, a second kill, a second acknowledgement).
 */
import type { NodeCommand } from '../../machines';

/** Which node a command belongs to, plus what the runtime keeps beside the machine. */
export interface CommandTarget {
  readonly appId: string;
  readonly nodeId: string;
  /** The node's `meta` (e.g. its task template), as given when it was added. */
  readonly meta: unknown;
}

type CommandOf<T extends NodeCommand['type']> = Extract<NodeCommand, { type: T }>;

export interface CommandExecutor {
  launch(command: CommandOf<'launch'>, target: CommandTarget): Promise<void> | void;
  kill(command: CommandOf<'kill'>, target: CommandTarget): Promise<void> | void;
  acknowledge(command: CommandOf<'acknowledge'>, target: CommandTarget): Promise<void> | void;
  message(command: CommandOf<'message'>, target: CommandTarget): Promise<void> | void;
}

/** Runs one command through the matching executor method. */
export function executeCommand(executor: CommandExecutor, command: NodeCommand, target: CommandTarget): Promise<void> | void {
  switch (command.type) {
    case 'launch':
      return executor.launch(command, target);
    case 'kill':
      return executor.kill(command, target);
    case 'acknowledge':
      return executor.acknowledge(command, target);
    case 'message':
      return executor.message(command, target);
  }
}
