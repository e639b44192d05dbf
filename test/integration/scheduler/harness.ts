/**
 * Runs catapult frameworks against a local cluster and a real ZooKeeper,
 * and waits on what they do: every wait re-checks its condition when the
 * runtime reports a change (nodes, apps, leadership, subscription; the
 * runtime object outlives its leadership terms), when a node callback runs,
 * or when the cluster sees a scheduler call or a launch. No sleeps, no polls.
 */
import { MesosAppFramework, SchedulerApp, SchedulerNode, type AppDriver, type MesosAppFrameworkOptions, type MesosAppListener, type SchedulerConfig, type SchedulerNodeInfo } from '../../../src';
import type { LocalCluster } from '../../../src/devcluster';
import { silentLogger, type Logger } from '../../../src/util/logger';

let rootSeq = 0;

/** Re-checks pending waits; the harness's hooks call it, tests may too. */
const pokes = new Set<() => void>();
export function poke(): void {
  for (const check of [...pokes]) check();
}

/** Logs to stderr when CATAPULT_TEST_LOG is set, else nothing. Every line also goes to `sink`, when given. */
export function testLogger(bindings: Record<string, unknown> = {}, sink?: Array<{ level: string; msg: string; obj: unknown }>): Logger {
  const print = Boolean(process.env['CATAPULT_TEST_LOG']);
  if (!print && !sink) return silentLogger;
  const log = (level: string) => (obj: unknown, msg?: string) => {
    const text = typeof obj === 'string' ? obj : (msg ?? '');
    sink?.push({ level, msg: text, obj: { ...bindings, ...(typeof obj === 'object' ? (obj as object) : {}) } });
    if (print) process.stderr.write(`${Date.now() % 100000} ${level} ${JSON.stringify(bindings)} ${text} ${typeof obj === 'string' ? '' : JSON.stringify(obj, (_k, v) => (v instanceof Error ? `${v.name}: ${v.message}` : v))}\n`);
  };
  return { trace: () => undefined, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), fatal: log('fatal'), child: (b) => testLogger({ ...bindings, ...b }, sink) } as Logger;
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
  private record(callback: string, data?: string): void {
    RecordingNode.calls.push({ nodeId: this.nodeId, callback, ...(data === undefined ? {} : { data }) });
    poke();
  }
  override running(): void {
    this.record('running');
  }
  override failed(): void {
    this.record('failed');
  }
  override killed(): void {
    this.record('killed');
  }
  override lost(): void {
    this.record('lost');
  }
  override message(_driver: AppDriver, data: Uint8Array): void {
    this.record('message', Buffer.from(data).toString());
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

const running = new Set<MesosAppFramework>();

/** Stops every framework started here that is still running (use in afterEach: a failed test leaves none behind). */
export async function stopAllFrameworks(): Promise<void> {
  const frameworks = [...running];
  running.clear();
  await Promise.all(frameworks.map((f) => f.stop().catch(() => undefined)));
}

export interface Started {
  framework: MesosAppFramework;
  done: Promise<void>;
  connected: () => Promise<void>;
}

/** Starts a framework on the cluster; `connected` resolves on the next `connected` callback. */
export function startFramework(
  cluster: LocalCluster,
  zk: string,
  root: string,
  listener: MesosAppListener,
  options: MesosAppFrameworkOptions = {},
  config: Partial<SchedulerConfig> = {},
): Started {
  const waiters: Array<() => void> = [];
  const framework = new MesosAppFramework(
    { frameworkName: 'test', user: 'nobody', zooKeeperInfo: { address: zk, rootNode: root, sessionTimeoutMs: 4_000 }, mesosInfo: { address: cluster.masterUrl }, ...config },
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
  running.add(framework);
  done.then(
    () => running.delete(framework),
    () => running.delete(framework),
  );
  return { framework, done, connected: () => new Promise((resolve) => waiters.push(resolve)) };
}

/**
 * Resolves once `predicate` holds. It is checked now, and again (after the
 * microtasks of the moment, so callbacks have run) on every change the
 * framework's runtime reports and on every harness poke.
 */
export function until(framework: MesosAppFramework, predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    let scheduled = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      off?.();
      pokes.delete(schedule);
      if (err) reject(err);
      else resolve();
    };
    const check = () => {
      scheduled = false;
      if (done) return;
      try {
        if (predicate()) finish();
      } catch (err) {
        finish(err as Error);
      }
    };
    const schedule = () => {
      if (scheduled || done) return;
      scheduled = true;
      setImmediate(check);
    };
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), timeoutMs);
    const runtime = framework.schedulerRuntime;
    if (!runtime) return finish(new Error('the framework is not running: call run() first'));
    const off = runtime.onChange(schedule);
    pokes.add(schedule);
    check();
  });
}

/** The node objects of an app, by state. */
export function statesOf(framework: MesosAppFramework, appId = 'app'): string[] {
  return (framework.appFramework.getApp(appId)?.getNodes() ?? []).map((n) => n.state);
}

/** Counts, at the cluster, every task launch the agents receive (by task id) and every scheduler call (by type). */
export function watchCluster(cluster: LocalCluster): { launches: Map<string, number>; calls: Map<string, number> } {
  const launches = new Map<string, number>();
  const calls = new Map<string, number>();
  for (const agent of cluster.agents) {
    const launch = agent.launch.bind(agent);
    agent.launch = (frameworkInfo, tasks) => {
      for (const task of tasks) launches.set(task.task_id?.value ?? '', (launches.get(task.task_id?.value ?? '') ?? 0) + 1);
      launch(frameworkInfo, tasks);
      poke();
    };
  }
  const beforeCall = cluster.faults.beforeCall.bind(cluster.faults);
  cluster.faults.beforeCall = (callType) => {
    calls.set(callType, (calls.get(callType) ?? 0) + 1);
    queueMicrotask(poke);
    return beforeCall(callType);
  };
  return { launches, calls };
}
