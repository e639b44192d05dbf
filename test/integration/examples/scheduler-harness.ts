/**
 * What the example tests need around in-process schedulers: a ZooKeeper
 * connection whose session can be killed from outside (a crash, as seen by
 * ZooKeeper: the leader's member znode vanishes, nothing is cleaned up), a
 * count of task launches at the agents, JSON requests, and bounded polling.
 *
 * Schedulers run in the jest process (ts-jest compiles them; there is no
 * ts-node to compile a child). A crash is therefore simulated at the two
 * places the world sees a scheduler: its ZooKeeper session is closed from
 * another connection (the KillSession of Curator's tests), and its Mesos
 * subscription stream is cut at the master.
 */
import pino from 'pino';
import { silentLogger, ZkClient, type LocalCluster, type Logger } from '../../../src';
import type { ElectionClient } from '../../../src/store';

/** ZooKeeper connections for one scheduler, and a way to kill the current session. */
export function killableZooKeeper(connectString: string, sessionTimeoutMs: number) {
  let current: ZkClient | undefined;
  return {
    connect: async (): Promise<ElectionClient> => {
      current = await ZkClient.connect(connectString, { sessionTimeoutMs });
      return current;
    },
    /** Ends the scheduler's session on the server, as its death would once the timeout passed. */
    async killSession(): Promise<void> {
      const victim = current;
      if (!victim) throw new Error('the scheduler has no ZooKeeper session yet');
      // The victim's client may reconnect to its session before the twin's close
      // lands, reclaiming it; so repeat until the victim itself sees the expiry.
      for (let attempt = 1; ; attempt++) {
        const expired = new Promise<boolean>((resolve) => {
          const off = victim.on('expired', () => {
            off();
            clearTimeout(timer);
            resolve(true);
          });
          const timer = setTimeout(() => {
            off();
            resolve(false);
          }, 2 * sessionTimeoutMs);
        });
        let twin: ZkClient;
        try {
          twin = await ZkClient.connect(connectString, { sessionTimeoutMs, session: victim.session });
        } catch (err) {
          // The session is already gone (an earlier kill landed): that is what we wanted.
          if ((err as { code?: string }).code === 'CATAPULT_ZK_SESSION_EXPIRED') return;
          throw err;
        }
        await twin.close();
        if (await expired) return;
        if (attempt >= 5) throw new Error(`the scheduler's ZooKeeper session survived ${attempt} kills`);
      }
    },
  };
}

/** Counts every task launch the agents receive, by task id. */
export function countLaunches(cluster: LocalCluster): Map<string, number> {
  const launches = new Map<string, number>();
  for (const agent of cluster.agents) {
    const launch = agent.launch.bind(agent);
    agent.launch = (frameworkInfo, tasks) => {
      for (const task of tasks) launches.set(task.task_id?.value ?? '', (launches.get(task.task_id?.value ?? '') ?? 0) + 1);
      launch(frameworkInfo, tasks);
    };
  }
  return launches;
}

export interface JsonAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One JSON request to `base + path`. */
export async function call<T = any>(base: string, method: string, path: string, body?: unknown): Promise<JsonAnswer<T>> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/**
 * Re-checks `check` every 50 ms until it returns a value other than
 * undefined, at most `timeoutMs`; fails with `what` and the last value seen.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${last instanceof Error ? last.message : String(last)}`}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Silent, unless EXAMPLES_LOG names a level: then the schedulers log to stderr. */
export function testLogger(name: string): Logger {
  const level = process.env['EXAMPLES_LOG'];
  return level ? (pino({ level, base: { scheduler: name } }, pino.destination(2)) as unknown as Logger) : silentLogger;
}
