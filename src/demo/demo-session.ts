/**
 * Everything `catapult demo` starts, in order, and stops in reverse:
 * the dashboard proxy, ZooKeeper (unless given), the local cluster, and two
 * hello schedulers (a leader and a standby) as child processes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalCluster, type LocalCluster } from '../devcluster';
import { freePort, isZooKeeperInstalled, startThrowawayZooKeeper, ZooKeeperUnavailableError, type ThrowawayZooKeeper } from '../localzk';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { DemoOptions } from './demo-options';
import { failLeader, failOneTask, runningNodes, type StepContext } from './demo-steps';
import { LeaderProxy } from './leader-proxy';
import { waitFor } from './poll';
import { helloSchedulerScript, SchedulerProcess } from './scheduler-process';

export interface DemoDeps {
  clock: Clock;
  /** The cluster's logger (the narration goes to `out`). */
  logger: Logger;
  out: (line: string) => void;
  /** How long to wait for each step. Default 60 s. */
  stepTimeoutMs?: number;
}

/** ZooKeeper sessions of the demo's schedulers: short, so a killed leader is replaced quickly. */
const SCHEDULER_SESSION_MS = 4_000;

export class DemoSession {
  private readonly schedulers: SchedulerProcess[] = [];
  private zk: ThrowawayZooKeeper | undefined;
  private cluster: LocalCluster | undefined;
  private proxy: LeaderProxy | undefined;
  private stopping: Promise<void> | undefined;
  private logDir = '';
  private schedulerArgs: string[] = [];

  constructor(
    private readonly options: DemoOptions,
    private readonly deps: DemoDeps,
  ) {}

  /** Starts every part and waits until the app's nodes all run. */
  async start(): Promise<void> {
    const { out, clock } = this.deps;
    const script = helloSchedulerScript();
    this.proxy = await LeaderProxy.start({ port: this.options.port, targets: () => this.schedulers.filter((s) => s.alive), clock });
    const zkConnect = await this.startZooKeeper();
    // A fresh root per run, so a given --zk keeps earlier runs' state apart.
    const root = `/catapult-demo/run-${clock.now()}`;
    this.cluster = await createLocalCluster({
      agents: this.options.agents,
      zk: `zk://${zkConnect}${root}/mesos`,
      heartbeatIntervalMs: 2_000,
      logger: this.deps.logger,
    });
    out(`Local cluster: master ${this.cluster.masterUrl} (registered in ZooKeeper at ${root}/mesos), ${this.options.agents} agents`);
    this.logDir = mkdtempSync(join(tmpdir(), 'catapult-demo-'));
    this.schedulerArgs = [
      '--master', `zk://${zkConnect}${root}/mesos`,
      '--zk', `${zkConnect}${root}/hello`,
      '--nodes', String(this.options.nodes),
      '--name', 'hello',
      '--zk-session-timeout-ms', String(SCHEDULER_SESSION_MS),
    ];
    const startedAt = clock.now();
    const first = await this.startScheduler('a', script);
    await waitFor('scheduler a to lead', async () => ((await first.isLeading()) ? true : undefined), this.wait(first));
    await this.startScheduler('b', script);
    out(`Schedulers: a (pid ${first.pid}) leads, b (pid ${this.schedulers[1]!.pid}) stands by; logs in ${this.logDir}`);
    await waitFor(`${this.options.nodes} running nodes`, () => runningNodes(first, this.options.nodes), this.wait(first));
    out(`hello: ${this.options.nodes} nodes running in ${((clock.now() - startedAt) / 1000).toFixed(1)} s`);
    out(`Dashboard: ${this.proxy.url}  (follows the leader)`);
    out(`State:     ${first.stateUrl} (a), ${this.schedulers[1]!.stateUrl} (b)`);
  }

  /** Injects the task failure, then the leader failover, narrating both; then starts the old leader again as the standby. */
  async runFaults(): Promise<void> {
    const [leader, standby] = this.schedulers as [SchedulerProcess, SchedulerProcess];
    const ctx: StepContext = { cluster: this.cluster!, clock: this.deps.clock, out: this.deps.out, timeoutMs: this.deps.stepTimeoutMs ?? 60_000 };
    await failOneTask(ctx, leader);
    await failLeader(ctx, leader, standby, this.options.nodes);
    const again = await this.startScheduler(`${leader.label}2`, helloSchedulerScript());
    this.deps.out(`  started scheduler ${again.label} (pid ${again.pid}) as the new standby`);
  }

  /** Stops every scheduler, the cluster and the ZooKeeper the demo started. Idempotent. */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      await Promise.all(this.schedulers.map((s) => this.stopScheduler(s)));
      await this.proxy?.close();
      await this.cluster?.stop();
      await this.zk?.stop();
    })());
  }

  private async startZooKeeper(): Promise<string> {
    if (this.options.zk) {
      this.deps.out(`ZooKeeper: ${this.options.zk}`);
      return this.options.zk;
    }
    if (!isZooKeeperInstalled()) {
      throw new ZooKeeperUnavailableError('ZooKeeper is not installed: install it with apt-get install -y zookeeper, or pass --zk host:port of a running one.');
    }
    this.zk = await startThrowawayZooKeeper();
    this.deps.out(`ZooKeeper: ${this.zk.connectString} (throwaway, removed on exit)`);
    return this.zk.connectString;
  }

  private async startScheduler(label: string, script: string): Promise<SchedulerProcess> {
    const process = new SchedulerProcess({ label, script, args: this.schedulerArgs, httpPort: await freePort(), dashboardPort: await freePort(), logDir: this.logDir });
    this.schedulers.push(process);
    return process;
  }

  /** SIGTERM (a clean stop leaves the election), SIGKILL if it takes over 10 s. */
  private async stopScheduler(scheduler: SchedulerProcess): Promise<void> {
    if (!scheduler.alive) return;
    const timer = this.deps.clock.setTimeout(() => void scheduler.kill('SIGKILL'), 10_000);
    await scheduler.kill('SIGTERM');
    timer.cancel();
  }

  private wait(scheduler: SchedulerProcess) {
    return { clock: this.deps.clock, timeoutMs: this.deps.stepTimeoutMs ?? 60_000, abort: () => scheduler.exitError() };
  }
}
