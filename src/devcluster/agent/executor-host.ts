/**
 * What the executor side of the agent needs from the agent itself.
 */
import type { mesos } from '../../../proto/gen/mesos';
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/logger';
import type { MasterPort } from '../agent-link';
import type { Sandbox } from './sandbox';
import type { TaskRegistry } from './task-registry';

/** Agent services used by {@link ExecutorManager}. */
export interface ExecutorHost {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly registry: TaskRegistry;
  readonly baseEnv: Record<string, string>;
  readonly failDocker: boolean;
  readonly executorShutdownGracePeriodMs: number;
  readonly executorRegistrationTimeoutMs: number;
  readonly executorReregistrationTimeoutMs: number;
  readonly recoveryTimeoutMs: number;
  readonly defaultKillGracePeriodMs: number;
  currentAgentId(): string;
  agentInfo(): mesos.v1.IAgentInfo;
  /** `127.0.0.1:<port>` of the executor API. */
  endpoint(): string;
  /** False while the agent is stopped (crashed, for fault injection). */
  isUp(): boolean;
  /** The master, when the agent can currently reach it. */
  reachableMaster(): MasterPort | undefined;
  newContainerId(): string;
  makeSandbox(frameworkId: string, executorId: string, containerId: string): Promise<Sandbox>;
  /** Stamps and records one update of a task (see the status-update manager). */
  report(frameworkId: string, status: mesos.v1.ITaskStatus, executorId?: string): void;
}
