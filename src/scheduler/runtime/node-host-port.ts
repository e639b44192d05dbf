/**
 * What the runtime needs of the persisted node actors (src/nodes): a node's
 * live snapshot, durable transitions, and its commands delivered after
 * persistence. The runtime talks to this port only, so the way actors are
 * hosted can change without touching offers, updates or reconciliation.
 */
import type { NodeCommand, NodeContext, NodeEvent } from '../../../machines';

/** A node as the runtime sees it. */
export interface HostedNode {
  readonly appId: string;
  readonly nodeId: string;
  /** The node machine's current state name (`pending`, `running`, ...). */
  state(): string;
  context(): NodeContext;
  /** True in states where a task may be alive (the machine's `live` tag). */
  isLive(): boolean;
  /** The node's description and user data, persisted with it. */
  meta(): NodeMeta;
}

/** What is persisted beside a node's machine snapshot. */
export interface NodeMeta {
  /** The user's class name, for restoring the same subclass. */
  typeName: string;
  /** catapult.SchedulerNodeInfo as plain JSON text (wire JSON mapping). */
  infoJson: string;
  /** The user's data, base64. */
  userData?: string;
}

/** What is persisted beside an app's machine snapshot. */
export interface AppMeta {
  name: string;
  typeName: string;
}

/** An app as the runtime sees it. */
export interface HostedApp {
  readonly appId: string;
  initialized(): boolean;
  meta(): AppMeta;
  nodeIds(): string[];
}

/** A node changed state (after the change is durable). */
export interface NodeTransition {
  node: HostedNode;
  from: string | null;
  to: string;
  event: NodeEvent;
}

/** Performs a node's command once its transition is durable; `command.done` follows when it resolves. */
export type CommandHandler = (node: HostedNode, command: NodeCommand) => Promise<void>;
