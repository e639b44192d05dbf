/**
 * What the scheduler runtime offers the layers above it (the callback API,
 * the dashboard): its apps and nodes, and the operations that change them.
 * Every operation resolves once its change is durable.
 */
import type { NodeOperatorCommand } from '../../../machines';
import type { AppMeta, HostedApp, HostedNode, NodeMeta } from './node-host-port';

export interface RuntimeApi {
  /** True while leading with a restored state (subscribed or not). */
  readonly leading: boolean;
  /** True while subscribed to Mesos. */
  readonly subscribed: boolean;
  /** The FrameworkID, once known. */
  readonly frameworkId: string | undefined;
  apps(): HostedApp[];
  app(appId: string): HostedApp | undefined;
  node(nodeId: string): HostedNode | undefined;
  /** Creates and persists an app (not yet initialized). */
  createApp(appId: string, meta: AppMeta): Promise<HostedApp>;
  /** Marks an app initialized; resolves true if this call did it (run `initialized` then), false if it already was. */
  initializeApp(appId: string): Promise<boolean>;
  /** Adds a node to an app; it is pending (waiting for an offer) once this resolves. */
  addNode(appId: string, meta: NodeMeta): Promise<HostedNode>;
  /** Sends an operator command to a node. */
  command(nodeId: string, command: NodeOperatorCommand): Promise<void>;
  /** Sends bytes (base64) to the node's executor. */
  sendMessage(nodeId: string, dataBase64: string): Promise<void>;
  /** Replaces a node's user data (base64, or undefined to clear it). */
  storeNodeData(nodeId: string, userDataBase64: string | undefined): Promise<void>;
}
