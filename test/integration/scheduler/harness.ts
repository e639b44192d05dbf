/**
 * Runs catapult frameworks against a local cluster and a real ZooKeeper,
 * and waits on what they do (no sleeps).
 */
import { MesosAppFramework, SchedulerApp, SchedulerNode, type AppDriver, type MesosAppFrameworkOptions, type MesosAppListener, type SchedulerNodeInfo } from '../../../src';
import type { LocalCluster } from '../../../src/devcluster';
import { silentLogger, type Logger } from '../../../src/util/logger';

let rootSeq = 0;

/** Logs to stderr when CATAPULT_TEST_LOG is set, else nothing. */
export function testLogger(bindings: Record<string, unknown> = {}): Logger {
  if (!process.env['CATAPULT_TEST_LOG']) return silentLogger;
  const log = (level: string) => (obj: unknown, msg?: string) => {
    const text = typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj, (_k, v) => (v instanceof Error ? `${v.name}: ${v.message}` : v))}`;
    process.stderr.write(`${level} ${JSON.stringify(bindings)} ${text}\n`);
  };
  return { trace: () => undefined, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), fatal: log('fatal'), child: (b) => testLogger({ ...bindings, ...b }) } as Logger;
}

/** A fresh ZooKeeper root per framework under test. */
export function freshRoot(name: string): string {
  return `/catapult-test/${name}-${process.pid}-${++rootSeq}`;
}

/** A command task node. */
export function commandNode(command = 'sleep 30', extra: Partial<NonNullable<SchedulerNodeInfo['scheduler_container']>> = {}): SchedulerNodeInfo {
  return { scheduler_container: { name: 'worker', cpus: 0.1, memory: 32, command, ...extra } };
}

/** Records every callback of its nodes. */
export class RecordingNode extends SchedulerNode {
  static override typeName = 'recording-node';
  static readonly calls: Array<{ nodeId: string | undefined; callback: string; data?: string }> = [];
  override running(): void {
    RecordingNode.calls.push({ nodeId: this.nodeId, callback: 'running' });
  }
  override failed(): void {
    RecordingNode.calls.push({ nodeId: this.nodeId, callback: 'failed' });
  }
  override killed(): void {
    RecordingNode.calls.push({ nodeId: this.nodeId, callback: 'killed' });
  }
  override lost(): void {
    RecordingNode.calls.push({ nodeId: this.nodeId, callback: 'lost' });
  }
  override message(_driver: AppDriver, data: Uint8Array): void {
    RecordingNode.calls.push({ nodeId: this.nodeId, callback: 'message', data: Buffer.from(data).toString() });
  }
}

/** An app launching `count` nodes from `info` in `initialized`; counts its initializations. */
export class CountingApp extends SchedulerApp {
  static override typeName = 'counting-app';
  static initializations = 0;
  constructor(name = 'app', readonly count = 0, readonly info: () => SchedulerNodeInfo = () => commandNode()) {
    super(name);
  }
  override async initialized(driver: AppDriver): Promise<void> {
    CountingApp.initializations++;
    for (let i = 0; i < this.count; i++) await driver.launchNode(new RecordingNode(this.info()));
  }
}

export interface Started {
  framework: MesosAppFramework;
  done: Promise<void>;
  connected: () => Promise<void>;
}

/** Starts a framework on the cluster; `connected` resolves on the next `connected` callback. */
export function startFramework(cluster: LocalCluster, zk: string, root: string, listener: MesosAppListener, options: MesosAppFrameworkOptions = {}): Started {
  const waiters: Array<() => void> = [];
  const framework = new MesosAppFramework(
    { frameworkName: 'test', user: 'nobody', zooKeeperInfo: { address: zk, rootNode: root, sessionTimeoutMs: 4_000 }, mesosInfo: { address: cluster.masterUrl } },
    {
      ...listener,
      async connected(fw) {
        await listener.connected?.(fw);
        for (const w of waiters.splice(0)) w();
      },
    },
    {
      types: [CountingApp, RecordingNode],
      logger: testLogger(),
      ...options,
      runtime: { resubscribe: { initialMs: 100, maxMs: 1_000 }, reconciliation: { initialBackoffMs: 500 }, ...options.runtime },
    },
  );
  const done = framework.run();
  done.catch(() => undefined);
  return { framework, done, connected: () => new Promise((resolve) => waiters.push(resolve)) };
}

/** Resolves once `predicate` holds, checking after every node change of the framework's runtime. */
export function until(framework: MesosAppFramework, predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let off: (() => void) | undefined;
    let poll: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), timeoutMs);
    const finish = (err?: Error) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      off?.();
      if (err) reject(err);
      else resolve();
    };
    const check = () => {
      try {
        if (predicate()) finish();
      } catch (err) {
        finish(err as Error);
      }
    };
    const attach = () => {
      const runtime = framework.schedulerRuntime;
      if (runtime && !off) off = runtime.onNodeChange(() => queueMicrotask(check));
    };
    attach();
    // Also re-check when the runtime changes term (a new runtime object has no listener yet).
    poll = setInterval(() => {
      attach();
      check();
    }, 50);
    check();
  });
}

/** The node objects of an app, by state. */
export function statesOf(framework: MesosAppFramework, appId = 'app'): string[] {
  return (framework.appFramework.getApp(appId)?.getNodes() ?? []).map((n) => n.state);
}
