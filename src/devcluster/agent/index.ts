/**
 * Local Mesos agents: real child processes (or simulated tasks) behind the
 * v1 executor HTTP API, linked to the local master through `agent-link.ts`.
 *
 * @example
 * const agent = createAgent({ master, agentId: 'm1-S0', resources: { cpus: 8 } });
 * await agent.start();
 * // ... the master calls agent.launch(...), agent.kill(...), agent.acknowledge(...)
 * await agent.restart(); // fault injection: checkpointed executors survive
 * await agent.close();
 */
export { LocalAgent, createAgent } from './local-agent';
export type { AgentLifecycle } from './local-agent';
export { AGENT_DEFAULTS } from './agent-options';
export type { LocalAgentOptions, SimulationOptions } from './agent-options';
export type { AgentResources, AgentAttributeValue, AgentDomain } from './agent-info';
export { simulatedScript, DEFAULT_SIMULATED_SCRIPT } from './simulated-tasks';
export type { SimulatedStep, SimulatedTaskScript, SimulatedScriptSpec } from './simulated-tasks';
export { formatStoutDuration } from './durations';
export { AgentStateError, AgentListenError, SandboxError, CommandLaunchError, AgentOptionsError } from './agent-errors';
