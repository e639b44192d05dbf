/**
 * Framework lifecycle on the master: SUBSCRIBE (new and re-subscription),
 * disconnection with its `failover_timeout`, and removal (TEARDOWN or the
 * timeout), with the ERROR events a Mesos master sends on the way.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { EventStream } from './event-stream';
import { frameworkInfoError, frameworkRoles } from './framework-validation';
import type { MasterContext } from './master-context';
import type { FrameworkRecord } from './master-state';
import { discardOffersOf } from './offer-allocator';
import { has } from './presence';

const Type = mesos.v1.scheduler.Event.Type;

function refuse(stream: EventStream, message: string): void {
  stream.send({ type: Type.ERROR, error: { message } });
  stream.close();
}

/**
 * Handles a SUBSCRIBE whose HTTP checks passed: `stream` is already
 * answering 200. Sends SUBSCRIBED and starts heartbeats, or sends ERROR and
 * closes the stream.
 */
export function subscribe(ctx: MasterContext, call: mesos.v1.scheduler.Call.ISubscribe, stream: EventStream): void {
  const requested = call.framework_info;
  const error = frameworkInfoError(call);
  if (error) return refuse(stream, error);
  const requestedId = has(requested, 'id') ? requested.id!.value : undefined;
  if (requestedId !== undefined && ctx.state.removedFrameworks.has(requestedId)) return refuse(stream, 'Framework has been removed');

  let framework = requestedId === undefined ? undefined : ctx.state.frameworks.get(requestedId);
  if (framework) {
    if (has(framework.info, 'principal') && has(requested, 'principal') && framework.info.principal !== requested.principal) {
      return refuse(stream, `Changing framework's principal is not allowed`);
    }
    const previous = framework.stream;
    framework.failoverTimer?.cancel();
    framework.failoverTimer = undefined;
    discardOffersOf(ctx, framework.id);
    framework.stream = stream;
    // user and checkpoint are immutable; a re-subscription silently keeps the old ones.
    framework.info = { ...requested, id: { value: framework.id }, user: framework.info.user, checkpoint: framework.info.checkpoint ?? false };
    if (previous?.isOpen) refuse(previous, 'Framework failed over');
    ctx.logger.info({ frameworkId: framework.id }, 'framework re-subscribed');
  } else {
    const id = requestedId ?? ctx.ids.framework();
    framework = {
      id,
      info: { ...requested, id: { value: id } },
      roles: [],
      suppressedRoles: new Set(),
      capabilities: new Set(),
      stream,
      failoverTimer: undefined,
      nextRoleIndex: 0,
    };
    ctx.state.frameworks.set(id, framework);
    ctx.logger.info({ frameworkId: id, name: requested.name }, requestedId ? 'framework re-subscribed to a new master' : 'framework subscribed');
  }
  framework.roles = frameworkRoles(requested);
  framework.capabilities = new Set((requested.capabilities ?? []).map((c) => c.type ?? mesos.v1.FrameworkInfo.Capability.Type.UNKNOWN));
  framework.suppressedRoles = new Set(call.suppressed_roles ?? []);

  const subscribed = framework;
  stream.onClose(() => disconnected(ctx, subscribed, stream));
  stream.send({
    type: Type.SUBSCRIBED,
    subscribed: {
      framework_id: { value: framework.id },
      heartbeat_interval_seconds: ctx.options.heartbeatIntervalMs / 1000,
      master_info: ctx.masterInfo(),
    },
  });
  stream.startHeartbeats();
  ctx.allocateSoon();
}

/** The subscription stream of `framework` ended: offers go back and the failover timer starts. */
function disconnected(ctx: MasterContext, framework: FrameworkRecord, stream: EventStream): void {
  if (framework.stream !== stream || !ctx.state.frameworks.has(framework.id)) return;
  framework.stream = undefined;
  discardOffersOf(ctx, framework.id);
  const timeoutMs = Math.max(0, (framework.info.failover_timeout ?? 0) * 1000);
  ctx.logger.info({ frameworkId: framework.id, failoverTimeoutMs: timeoutMs }, 'framework disconnected');
  if (timeoutMs === 0) return removeFramework(ctx, framework, 'failover timeout elapsed');
  framework.failoverTimer = ctx.clock.setTimeout(() => removeFramework(ctx, framework, 'failover timeout elapsed'), timeoutMs);
}

/**
 * Removes a framework: its stream is closed, its offers withdrawn, its
 * tasks and executors shut down on every agent; its id becomes unusable on
 * this master ("Framework has been removed").
 */
export function removeFramework(ctx: MasterContext, framework: FrameworkRecord, why: string): void {
  if (!ctx.state.frameworks.delete(framework.id)) return;
  ctx.logger.info({ frameworkId: framework.id, why }, 'removing framework');
  ctx.state.removedFrameworks.add(framework.id);
  framework.failoverTimer?.cancel();
  discardOffersOf(ctx, framework.id);
  const stream = framework.stream;
  framework.stream = undefined;
  stream?.close();
  for (const task of ctx.state.tasksOf(framework.id)) ctx.state.deleteTask(framework.id, task.taskId);
  for (const executor of [...ctx.state.executors.values()]) {
    if (executor.frameworkId === framework.id) ctx.state.deleteExecutor(executor.frameworkId, executor.agentId, executor.executorId);
  }
  for (const agent of ctx.state.agents.values()) {
    if (agent.port && agent.state === 'registered') agent.port.shutdownFramework(framework.id);
  }
  ctx.state.filters = ctx.state.filters.filter((f) => f.frameworkId !== framework.id);
  ctx.allocateSoon();
}
