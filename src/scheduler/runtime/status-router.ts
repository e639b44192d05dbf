/**
 * Status updates and executor messages, routed to the node that owns the
 * task id (`<nodeId>.<incarnation>`, an O(1) lookup). An update is never
 * acknowledged here for a known node: the node machine queues the
 * acknowledgement, which is sent only once the transition it caused is
 * durable. Updates for tasks no node owns are acknowledged at once (there is
 * nothing to persist) and, unless terminal, the task is killed: every task
 * Mesos reports to this framework was launched by it. A live task of an
 * older incarnation (e.g. back from a partition after its replacement was
 * launched) is killed as well.
 */
import { isTerminalTaskState, parseTaskId, type TaskStateName } from '../../../machines';
import type { NodeRuntime } from '../../nodes';
import type { Logger } from '../../util/logger';
import { reasonName, schedulerCalls, sourceName, taskStateName, type TaskStatus } from '../../wire';
import { encodeBase64 } from '../../wire/base64';
import type { SubscriptionClient } from './mesos-connection';
import { unwrapFrameworkMessage } from './framework-envelope';
import type { Reconciler } from './reconciler';
import type { MetricsRecorder } from './runtime-metrics';

export interface StatusRouterOptions {
  client: Pick<SubscriptionClient, 'send'>;
  nodes: NodeRuntime;
  reconciler: Reconciler;
  metrics: MetricsRecorder;
  logger: Logger;
  frameworkId: () => string | undefined;
  /** Any update for `taskId` arrived (before it is routed). */
  onUpdate?: (taskId: string) => void;
}

export class StatusRouter {
  constructor(private readonly options: StatusRouterOptions) {}

  /** Handles the status of an UPDATE event. */
  update(status: TaskStatus): void {
    const { nodes, metrics, reconciler, logger } = this.options;
    const taskId = status.task_id?.value;
    const state = taskStateName(status.state) as TaskStateName | undefined;
    if (!taskId || !state) return logger.warn({ taskId, state: status.state }, 'ignoring an update without task id or known state');
    metrics.update(state);
    reconciler.onUpdate(taskId);
    this.options.onUpdate?.(taskId);
    const uuid = status.uuid && status.uuid.length > 0 ? encodeBase64(status.uuid) : undefined;
    const agentId = status.agent_id?.value ?? undefined;
    const owner = parseTaskId(taskId);
    const host = owner ? nodes.nodes.get(owner.nodeId) : undefined;
    if (!owner || !host) return this.unknown(taskId, state, agentId, status.uuid ?? undefined);
    if (owner.incarnation < host.snapshot.context.incarnation && !isTerminalTaskState(state)) {
      logger.warn({ nodeId: owner.nodeId, taskId, state }, 'an older incarnation is alive; killing it');
      this.kill(taskId, agentId);
    }
    const event = {
      taskId,
      state,
      ...(status.reason !== undefined && status.reason !== null ? { reason: reasonName(status.reason) } : {}),
      ...(status.source !== undefined && status.source !== null ? { source: sourceName(status.source) } : {}),
      ...(uuid ? { uuid } : {}),
      ...(status.message ? { message: status.message } : {}),
      ...(agentId ? { agentId } : {}),
      ...(status.executor_id?.value ? { executorId: status.executor_id.value } : {}),
    };
    nodes.routeStatus(event);
  }

  /** Handles a MESSAGE event: a FrameworkMessage envelope for one task's node. */
  message(data: Uint8Array | null | undefined): void {
    const envelope = data ? unwrapFrameworkMessage(data) : undefined;
    if (!envelope) return this.options.logger.warn('dropping an executor message that is not a catapult FrameworkMessage');
    this.options.metrics.count('messagesReceived');
    if (!this.options.nodes.routeExecutorMessage(envelope.taskId, encodeBase64(envelope.data))) {
      this.options.logger.warn({ taskId: envelope.taskId }, 'dropping an executor message for a task no node runs now');
    }
  }

  private unknown(taskId: string, state: TaskStateName, agentId: string | undefined, uuid: Uint8Array | undefined): void {
    this.options.metrics.count('unknownUpdates');
    const terminal = isTerminalTaskState(state);
    this.options.logger.warn({ taskId, state, agentId }, terminal ? 'update for a task no node owns' : 'update for a task no node owns; killing it');
    const frameworkId = this.options.frameworkId();
    if (frameworkId !== undefined && uuid && uuid.length > 0 && agentId) {
      this.options.client
        .send(schedulerCalls.acknowledge(frameworkId, { agentId, taskId, uuid }))
        .then(() => this.options.metrics.count('acksSent'))
        .catch((err: unknown) => this.options.logger.warn({ err, taskId }, 'ACKNOWLEDGE failed'));
    }
    if (!terminal) this.kill(taskId, agentId);
  }

  private kill(taskId: string, agentId: string | undefined): void {
    const frameworkId = this.options.frameworkId();
    if (frameworkId === undefined) return;
    this.options.metrics.count('killsSent');
    this.options.client
      .send(schedulerCalls.kill(frameworkId, taskId, agentId ? { agentId } : {}))
      .catch((err: unknown) => this.options.logger.warn({ err, taskId }, 'KILL failed'));
  }
}
