/**
 * Starts a real MesosApplicationFrameworkExecutor against a {@link FakeAgent}.
 */
import { MesosApplicationFrameworkExecutor, type ExecutableApp, type ExecutorOptions } from '../../../src/executor';
import { ManualClock, seededRandom } from '../../../src/util';
import { FakeAgent, type FakeAgentOptions } from './fake-agent';

interface Started {
  executor: MesosApplicationFrameworkExecutor;
  exitCode: Promise<number>;
  clock: ExecutorOptions['clock'];
}

const running: Started[] = [];

/**
 * A fake agent per test: `const agents = useFakeAgents()`, then `await
 * agents.start()`. After each test every executor still running is stopped
 * (and must exit), then the agents stop.
 */
export function useFakeAgents(): { start(options?: FakeAgentOptions): Promise<FakeAgent> } {
  const started: FakeAgent[] = [];
  afterEach(async () => {
    for (const agent of started) agent.autoAcknowledge = true;
    await Promise.all(running.splice(0).map(stopExecutor));
    await Promise.all(started.splice(0).map((agent) => agent.stop()));
  });
  return {
    async start(options) {
      const agent = await new FakeAgent(options).start();
      started.push(agent);
      return agent;
    },
  };
}

async function stopExecutor({ executor, exitCode, clock }: Started): Promise<void> {
  let exited = false;
  const exit = exitCode.catch(() => undefined).then(() => (exited = true));
  executor.stop('test ended');
  // A ManualClock only moves when told to: move it through the grace period.
  while (!exited && clock instanceof ManualClock) {
    clock.advance(1_000);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await exit;
}

/** Runs the executor; resolves once its first SUBSCRIBE reached the agent. `exitCode` is run()'s promise. */
export async function startExecutor(
  agent: FakeAgent,
  app: ExecutableApp,
  options: ExecutorOptions & { envOverrides?: Record<string, string | undefined> } = {},
): Promise<{ exitCode: Promise<number>; executor: MesosApplicationFrameworkExecutor }> {
  const { envOverrides, ...rest } = options;
  const executor = new MesosApplicationFrameworkExecutor(app, { env: agent.env(envOverrides), random: seededRandom(7), ...rest });
  const exitCode = executor.run();
  running.push({ executor, exitCode, clock: options.clock });
  // Surface an early rejection instead of hanging on the SUBSCRIBE wait.
  await Promise.race([agent.nth('SUBSCRIBE', 1), exitCode.then(() => undefined)]);
  return { exitCode, executor };
}
