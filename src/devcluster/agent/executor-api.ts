/**
 * What the executor calls mean to the agent (the HTTP rules are in
 * executor-http-endpoint.ts): SUBSCRIBE attaches the event stream and
 * delivers queued launches, UPDATE feeds the status-update manager and is
 * answered with ACKNOWLEDGED, MESSAGE goes to the scheduler.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { ExecutorApi, HttpAnswer } from './executor-http-endpoint';
import type { ExecutorHost } from './executor-host';
import type { ExecutorManager } from './executor-manager';
import type { ExecutorRun } from './executor-run';
import type { ExecutorEventStream } from './executor-stream';
import { agentStatus } from './status-stamp';
import { isPartitionAware } from './task-registry';

const EventType = mesos.v1.executor.Event.Type;
const { TaskState } = mesos.v1;

/** The agent's answers to executor calls. */
export class AgentExecutorApi implements ExecutorApi {
  constructor(
    private readonly host: ExecutorHost,
    private readonly executors: ExecutorManager,
    private readonly availability: () => string | undefined,
    private readonly onResubscribed: () => void = () => undefined,
  ) {}

  unavailableReason(): string | undefined {
    return this.availability();
  }

  subscribe(call: mesos.v1.executor.ICall, open: () => ExecutorEventStream): HttpAnswer | undefined {
    const found = this.lookup(call);
    if ('status' in found) return found;
    const run = found;
    const stream = open();
    if (run.state === 'terminating') {
      stream.send({ type: EventType.SHUTDOWN });
      stream.close();
      return undefined;
    }
    const recovering = run.recovering;
    run.recovering = false;
    run.attach(stream);
    stream.onClose(() => this.streamClosed(run, stream));
    const framework = this.host.registry.framework(run.frameworkId);
    stream.send({
      type: EventType.SUBSCRIBED,
      subscribed: {
        executor_info: run.executorInfo,
        framework_info: framework?.info ?? { name: '', user: '' },
        agent_info: this.host.agentInfo(),
        container_id: { value: run.containerId },
      },
    });
    if (recovering) this.recover(run, call.subscribe ?? {});
    for (const launch of run.queue.splice(0)) this.executors.deliver(run, launch);
    if (recovering) this.onResubscribed();
    return undefined;
  }

  update(call: mesos.v1.executor.ICall): HttpAnswer & { then?: () => void } {
    const found = this.lookup(call);
    if ('status' in found) return found;
    if (!found.isSubscribed) return { status: 403, body: 'Executor is not subscribed' };
    const status = call.update?.status as mesos.v1.ITaskStatus;
    return { status: 202, then: () => this.acceptUpdate(found, status) };
  }

  message(call: mesos.v1.executor.ICall): HttpAnswer {
    const found = this.lookup(call);
    if ('status' in found) return found;
    if (!found.isSubscribed) return { status: 403, body: 'Executor is not subscribed' };
    const master = this.host.reachableMaster();
    if (master === undefined) this.host.logger.warn({ executorId: found.executorId }, 'dropping an executor message: no master');
    master?.executorMessage(found.frameworkId, found.executorId, this.host.currentAgentId(), call.message?.data ?? new Uint8Array());
    return { status: 202 };
  }

  /** Records an executor's update, then acknowledges it to the executor. */
  private acceptUpdate(run: ExecutorRun, status: mesos.v1.ITaskStatus): void {
    this.host.report(run.frameworkId, status, run.executorId);
    run.send({ type: EventType.ACKNOWLEDGED, acknowledged: { task_id: status.task_id, uuid: status.uuid as Uint8Array } });
  }

  /**
   * A re-subscription after an agent restart: replay the executor's
   * unacknowledged updates, and declare lost every task the executor was sent
   * but does not know (the LAUNCH died with the old stream).
   */
  private recover(run: ExecutorRun, subscribe: mesos.v1.executor.Call.ISubscribe): void {
    for (const update of subscribe.unacknowledged_updates ?? []) this.acceptUpdate(run, update.status);
    const known = new Set((subscribe.unacknowledged_tasks ?? []).map((t) => t.task_id.value));
    const framework = this.host.registry.framework(run.frameworkId);
    const lostState = framework !== undefined && isPartitionAware(framework.info) ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
    for (const record of this.executors.liveTasks(run)) {
      const taskId = record.task.task_id.value;
      if (record.delivered && record.state === TaskState.TASK_STAGING && !known.has(taskId)) {
        this.host.report(run.frameworkId, agentStatus(taskId, lostState, {
          reason: mesos.v1.TaskStatus.Reason.REASON_AGENT_RESTARTED,
          message: 'Task launched during agent restart',
        }), run.executorId);
      }
    }
  }

  private streamClosed(run: ExecutorRun, stream: ExecutorEventStream): void {
    if (!run.isCurrent(stream) || !this.host.isUp()) return;
    run.detach();
    if (run.state === 'terminated' || run.state === 'terminating') return;
    if (!this.host.registry.checkpoints(run.frameworkId)) {
      this.host.logger.info({ executorId: run.executorId }, 'executor of a non-checkpointing framework disconnected; shutting it down');
      this.executors.shutdown(run);
    }
  }

  private lookup(call: mesos.v1.executor.ICall): ExecutorRun | HttpAnswer {
    const framework = this.host.registry.framework(call.framework_id.value);
    if (framework === undefined) return { status: 400, body: 'Framework cannot be found' };
    const run = framework.executors.get(call.executor_id.value);
    if (run === undefined || run.state === 'terminated') return { status: 400, body: 'Executor cannot be found' };
    return run;
  }
}
