/**
 * The environment of a task: the user's variables and the ones catapult
 * sets (ports and ids), which take precedence over the user's of the same
 * name.
 */
import type { Environment } from './task-types';

/** Ids a task learns through its environment. */
export interface TaskIdentity {
  appId: string;
  nodeId: string;
  taskId: string;
}

/** Names catapult sets besides `PORT0..N`. */
export const CATAPULT_ENV = {
  ports: 'PORTS',
  appId: 'CATAPULT_APP_ID',
  nodeId: 'CATAPULT_NODE_ID',
  taskId: 'CATAPULT_TASK_ID',
} as const;

/** The variables catapult sets for a task, in order. */
export function catapultVariables(identity: TaskIdentity, ports: readonly number[]): Array<[string, string]> {
  return [
    ...ports.map((port, i): [string, string] => [`PORT${i}`, String(port)]),
    [CATAPULT_ENV.ports, ports.join(',')],
    [CATAPULT_ENV.appId, identity.appId],
    [CATAPULT_ENV.nodeId, identity.nodeId],
    [CATAPULT_ENV.taskId, identity.taskId],
  ];
}

/** Builds the Mesos Environment: the user's variables (in their order), then catapult's. */
export function taskEnvironment(user: Readonly<Record<string, string>> | null | undefined, identity: TaskIdentity, ports: readonly number[]): Environment {
  const ours = catapultVariables(identity, ports);
  const reserved = new Set(ours.map(([name]) => name));
  const theirs = Object.entries(user ?? {}).filter(([name]) => !reserved.has(name));
  return { variables: [...theirs, ...ours].map(([name, value]) => ({ name, value })) };
}
