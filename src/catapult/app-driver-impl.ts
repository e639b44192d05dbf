/**
 * The AppDriver of one app: the user's operations, turned into durable
 * changes of the app's node machines through the runtime.
 */
import type { RuntimeApi } from '../scheduler/runtime/runtime-api';
import type { HostedNode } from '../scheduler/runtime/node-host-port';
import { nodeInfoToJson } from '../scheduler/runtime/node-info';
import { pendingNodeFromInfo } from '../scheduler/tasks';
import { encodeBase64 } from '../wire/base64';
import { bindNode, nodeViewOf, type NodeView } from './bindings';
import { NodeNotAttachedError, NotLeadingError } from './catapult-errors';
import type { AppDriver, AppID, NodeID } from './catapult-types';
import type { SchedulerNode } from './scheduler-node';
import { typeNameOf, type TypeRegistry } from './type-registry';

/** The live view of a hosted node, read on every access. */
export function viewOf(runtime: RuntimeApi, hosted: HostedNode): NodeView {
  const current = () => runtime.node(hosted.nodeId) ?? hosted;
  return {
    appId: hosted.appId,
    nodeId: hosted.nodeId,
    state: () => current().state(),
    context: () => current().context(),
    userData: () => {
      const data = current().meta().userData;
      return data === undefined ? undefined : new Uint8Array(Buffer.from(data, 'base64'));
    },
  };
}

export class AppDriverImpl implements AppDriver {
  /** The app's node objects, by node id. */
  readonly nodes = new Map<string, SchedulerNode>();
  private aborted = false;

  constructor(
    readonly appId: AppID,
    private readonly runtime: RuntimeApi,
    private readonly types: TypeRegistry,
  ) {}

  get isAborted(): boolean {
    return this.aborted;
  }

  /** Attaches a node object to a hosted node. */
  attach(node: SchedulerNode, hosted: HostedNode): void {
    bindNode(node, viewOf(this.runtime, hosted));
    this.nodes.set(hosted.nodeId, node);
  }

  async launchNode(node: SchedulerNode): Promise<NodeID> {
    this.leading('launchNode');
    const existing = nodeViewOf(node);
    if (existing && this.runtime.node(existing.nodeId)) return existing.nodeId;
    // A node that cannot be placed or described fails here, not at every offer.
    pendingNodeFromInfo({ ...node.info, app_id: { value: this.appId }, node_id: { value: `${this.appId}-0` } });
    this.types.learn(node);
    const meta = { typeName: typeNameOf(node), infoJson: nodeInfoToJson(node.info), ...(node.info.user_data?.length ? { userData: encodeBase64(node.info.user_data) } : {}) };
    const hosted = await this.runtime.addNode(this.appId, meta);
    this.attach(node, hosted);
    return hosted.nodeId;
  }

  relaunchNode(node: SchedulerNode): Promise<void> {
    return this.runtime.command(this.nodeIdOf(node, 'relaunchNode'), 'relaunch');
  }

  killNode(node: SchedulerNode): Promise<void> {
    return this.runtime.command(this.nodeIdOf(node, 'killNode'), 'kill');
  }

  async removeNode(node: SchedulerNode): Promise<void> {
    await this.runtime.command(this.nodeIdOf(node, 'removeNode'), 'remove');
  }

  pauseNode(node: SchedulerNode): Promise<void> {
    return this.runtime.command(this.nodeIdOf(node, 'pauseNode'), 'pause');
  }

  resumeNode(node: SchedulerNode): Promise<void> {
    return this.runtime.command(this.nodeIdOf(node, 'resumeNode'), 'resume');
  }

  sendMessage(node: SchedulerNode, data: Uint8Array): Promise<void> {
    return this.runtime.sendMessage(this.nodeIdOf(node, 'sendMessage'), encodeBase64(data));
  }

  storeData(node: SchedulerNode, data: Uint8Array): Promise<void> {
    return this.runtime.storeNodeData(this.nodeIdOf(node, 'storeData'), encodeBase64(data));
  }

  getNodes(): SchedulerNode[] {
    return [...this.nodes.values()];
  }

  async abort(): Promise<void> {
    this.aborted = true;
  }

  private leading(operation: string): void {
    if (!this.runtime.leading) throw new NotLeadingError(operation);
  }

  private nodeIdOf(node: SchedulerNode, operation: string): string {
    this.leading(operation);
    const nodeId = nodeViewOf(node)?.nodeId;
    if (!nodeId || !this.runtime.node(nodeId)) throw new NodeNotAttachedError(operation, nodeId ?? node.nodeId);
    return nodeId;
  }
}
