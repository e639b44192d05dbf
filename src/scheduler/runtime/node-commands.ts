/**
 * Performs node commands once their transitions are durable: launches are
 * gathered per offer into one ACCEPT, kills go out as KILL with the agent
 * id, acknowledgements as ACKNOWLEDGE, messages as MESSAGE in catapult's
 * FrameworkMessage envelope.
 *
 * Without a live subscription a command is dropped rather than queued, since
 * each has its own retry: a dead offer's launch is settled by the launch
 * timeout and reconciliation, a kill is re-issued by the machine's killRetry
 * deadline, an unacknowledged update is re-sent by the agent (and its
 * duplicate acknowledged then), and messages are best-effort anyway.
 */
import type { NodeCommand } from '../../../machines';
import type { Logger } from '../../util/logger';
import { schedulerCalls, type TaskInfo } from '../../wire';
import { decodeBase64 } from '../../wire/base64';
import { wrapFrameworkMessage } from './framework-envelope';
import { buildTaskInfo, executorIdFor, type TaskBuilderOptions } from '../tasks';
import type { SubscriptionClient } from './mesos-connection';
import type { CommandExecutor, CommandTarget } from '../../nodes';
import { nodeInfoFromJson, withIds } from './node-info';
import type { OfferBook } from './offer-book';
import type { MetricsRecorder } from './runtime-metrics';

export interface NodeCommandsOptions {
  client: Pick<SubscriptionClient, 'send'>;
  offers: OfferBook;
  metrics: MetricsRecorder;
  logger: Logger;
  /** The subscribed FrameworkID, or undefined while not subscribed. */
  frameworkId: () => string | undefined;
  taskOptions: Omit<TaskBuilderOptions, 'frameworkId'>;
  /** The agent a node's task was placed on, for a kill that names none. */
  agentOf: (nodeId: string) => string | undefined;
  /** An offer's gathering is complete: send its ACCEPT (or DECLINE). */
  onOfferReady: (offerId: string) => void;
}

type Target = CommandTarget & { readonly meta: unknown };

/** The node meta the runtime stores beside each machine. */
function infoJsonOf(target: Target): string {
  return (target.meta as { infoJson?: string } | null)?.infoJson ?? '{}';
}

export class NodeCommands implements CommandExecutor {
  constructor(private readonly options: NodeCommandsOptions) {}

  /** Resolves once the offer's ACCEPT went out (or the launch was dropped). */
  launch(command: Extract<NodeCommand, { type: 'launch' }>, node: Target): Promise<void> {
    return this.gather(node, command);
  }

  private gather(node: Target, command: Extract<NodeCommand, { type: 'launch' }>): Promise<void> {
    const { offers, logger } = this.options;
    const frameworkId = this.options.frameworkId();
    const plan = offers.plan(command.offerId, node.nodeId);
    if (!plan || frameworkId === undefined) {
      logger.info({ nodeId: node.nodeId, taskId: command.taskId, offerId: command.offerId }, 'launch refers to an offer no longer held; not sending it (launch timeout and reconciliation decide)');
      return Promise.resolve();
    }
    let taskInfo: TaskInfo;
    try {
      taskInfo = buildTaskInfo(
        { nodeInfo: withIds(nodeInfoFromJson(infoJsonOf(node)), node.appId, node.nodeId), taskId: command.taskId, ...plan },
        { ...this.options.taskOptions, frameworkId },
      );
    } catch (err) {
      logger.error({ err, nodeId: node.nodeId, taskId: command.taskId }, 'cannot build the TaskInfo; the launch is dropped');
      offers.settle(command.offerId, node.nodeId);
      this.options.onOfferReady(command.offerId);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      if (!offers.addTask(command.offerId, node.nodeId, taskInfo, resolve)) return resolve();
      this.options.onOfferReady(command.offerId);
    });
  }

  async kill(command: Extract<NodeCommand, { type: 'kill' }>, node: Target): Promise<void> {
    const frameworkId = this.options.frameworkId();
    if (frameworkId === undefined) return;
    const agentId = command.agentId ?? this.options.agentOf(node.nodeId);
    try {
      await this.options.client.send(schedulerCalls.kill(frameworkId, command.taskId, agentId ? { agentId } : {}));
      this.options.metrics.count('killsSent');
    } catch (err) {
      this.options.logger.warn({ err, nodeId: node.nodeId, taskId: command.taskId }, 'KILL failed; the kill retry will send it again');
    }
  }

  async acknowledge(command: Extract<NodeCommand, { type: 'acknowledge' }>, node: Target): Promise<void> {
    const frameworkId = this.options.frameworkId();
    const uuid = decodeBase64(command.uuid);
    if (frameworkId === undefined || !uuid) return;
    try {
      await this.options.client.send(schedulerCalls.acknowledge(frameworkId, { agentId: command.agentId, taskId: command.taskId, uuid }));
      this.options.metrics.count('acksSent');
    } catch (err) {
      this.options.logger.warn({ err, nodeId: node.nodeId, taskId: command.taskId }, 'ACKNOWLEDGE failed; the agent will send the update again');
    }
  }

  async message(command: Extract<NodeCommand, { type: 'message' }>, node: Target): Promise<void> {
    const frameworkId = this.options.frameworkId();
    const data = decodeBase64(command.data);
    if (frameworkId === undefined || !data) return;
    const executorId = command.executorId ?? executorIdFor(command.taskId);
    try {
      await this.options.client.send(schedulerCalls.message(frameworkId, command.agentId, executorId, wrapFrameworkMessage(command.taskId, data)));
      this.options.metrics.count('messagesSent');
    } catch (err) {
      this.options.logger.warn({ err, nodeId: node.nodeId, taskId: command.taskId }, 'MESSAGE failed (messages are best-effort)');
    }
  }
}
