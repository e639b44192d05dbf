/**
 * The hello framework's app and node classes: one app of N identical nodes,
 * each a shell command (or the hello executor), relaunched by the node
 * machine's defaults when they fail. With the executor, each node is pinged
 * once it runs and its pong is logged.
 */
import { join } from 'node:path';
import { SchedulerApp, SchedulerNode, type AppDriver, type SchedulerNodeInfo } from '../../src';
import { silentLogger, type Logger } from '../../src';
import { memberNodes } from './state-view';
import { PING, PONG } from './ping-pong-app';

/** What each node of the app runs and asks for. */
export interface HelloNodeSpec {
  /** A shell command; ignored with `executor`. */
  command: string | undefined;
  executor: boolean;
  cpus: number;
  memoryMb: number;
}

/** The shell command that starts the hello executor (built next to this file). */
export function executorCommand(): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `${quote(process.execPath)} ${quote(join(__dirname, 'executor.js'))}`;
}

/** The SchedulerNodeInfo of one node of `spec`. */
export function helloNodeInfo(appName: string, spec: HelloNodeSpec): SchedulerNodeInfo {
  return {
    scheduler_container: {
      name: appName,
      cpus: spec.cpus,
      memory: spec.memoryMb,
      executor: spec.executor,
      command: spec.executor ? executorCommand() : spec.command,
    },
  };
}

/** Loggers of the example's classes; the scheduler main sets it before registering. */
export const helloLog: { logger: Logger } = { logger: silentLogger };

/** A node: pings its executor once running (executor nodes only) and logs the pong. */
export class HelloNode extends SchedulerNode {
  static override typeName = 'hello-node';

  override async running(driver: AppDriver): Promise<void> {
    helloLog.logger.info({ nodeId: this.nodeId, taskId: this.taskId, agentId: this.agentId }, 'node running');
    if (this.info.scheduler_container?.executor) await driver.sendMessage(this, Buffer.from(PING, 'utf8'));
  }

  override failed(): void {
    helloLog.logger.warn({ nodeId: this.nodeId, taskId: this.taskId, failures: this.context?.failures }, 'node failed; relaunching after backoff');
  }

  override lost(): void {
    helloLog.logger.warn({ nodeId: this.nodeId, taskId: this.taskId }, 'node lost; relaunching after backoff');
  }

  override message(driver: AppDriver, data: Uint8Array): void {
    const text = Buffer.from(data).toString('utf8');
    if (text === PONG) helloLog.logger.info({ nodeId: this.nodeId, taskId: this.taskId }, 'pong');
    else helloLog.logger.warn({ nodeId: this.nodeId, message: text }, 'unexpected message from the executor');
  }
}

/**
 * The app: launches its nodes once, in `initialized`. {@link HelloApp.scaleTo}
 * brings a restored app to the asked node count (a node never persisted
 * before a failover is launched by the new leader; surplus nodes are removed).
 */
export class HelloApp extends SchedulerApp {
  static override typeName = 'hello-app';

  constructor(
    name: string,
    private readonly spec: HelloNodeSpec = { command: 'while true; do sleep 5; done', executor: false, cpus: 0.1, memoryMb: 32 },
    private readonly nodeCount = 0,
  ) {
    super(name);
  }

  override async initialized(driver: AppDriver): Promise<void> {
    helloLog.logger.info({ appId: driver.appId, nodes: this.nodeCount }, 'app registered; launching nodes');
    await this.scaleTo(this.nodeCount);
  }

  override initFailed(error: Error): void {
    helloLog.logger.error({ err: error, app: this.name }, 'app could not be registered');
  }

  /** Launches or removes nodes until the app has `count` (newest nodes are removed first). */
  async scaleTo(count: number): Promise<void> {
    const driver = this.driver;
    if (!driver) return;
    const nodes = memberNodes(this);
    const launches: Array<Promise<unknown>> = [];
    for (let i = nodes.length; i < count; i++) launches.push(driver.launchNode(new HelloNode(helloNodeInfo(this.name, this.spec))));
    const surplus = nodes.slice(count).reverse();
    for (const node of surplus) launches.push(driver.removeNode(node));
    await Promise.all(launches);
  }
}
