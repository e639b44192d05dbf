/**
 * catapult/devcluster: a local cluster that speaks the Mesos v1 HTTP APIs on
 * loopback — masters (offers, acknowledgements, reconciliation, heartbeats,
 * ZooKeeper election, 307 when not leading) and agents (real child processes
 * or simulated tasks) — with seeded fault injection. An independent peer: it
 * imports nothing of the scheduler or executor SDK.
 */
export { createLocalCluster, createTestCluster } from './local-cluster';
export type { LocalCluster, LocalClusterOptions } from './local-cluster';
export { ClusterFaults, FaultsNotBoundError } from './faults';
export type { UpdateFaults, FaultTargets, ChaosFault } from './faults';
export { LocalMaster } from './master/local-master';
export type { LocalMasterOptions } from './master/master-options';
export { MasterRegistry } from './master/master-registry';
export {
  MasterHttpError,
  BadCallError,
  NotSubscribedError,
  MethodNotAllowedError,
  NotAcceptableError,
  UnsupportedMediaTypeError,
  CallNotImplementedError,
  MasterUnavailableError,
  NotLeaderRedirect,
  InvalidClusterOptionError,
  MasterRegistrationError,
} from './master/errors';
export { parseResources, parseAttributes } from './master/resource-text';
export { agentResourcesFromText, agentAttributesFromText } from './master/agent-flags';
export { parseZkUrl } from './master/zk-url';
export type { ZkUrl } from './master/zk-url';
export type { AgentPort, MasterPort, AgentRegistration, AgentTaskReport } from './agent-link';
export { createAgent, LocalAgent } from './agent';
export type { LocalAgentOptions, AgentResources, AgentAttributeValue, SimulationOptions } from './agent';
