/**
 * Read-only views of the node runtime's hosts, for the callback API and the
 * dashboard.
 */
import type { AppHost, NodeHost } from '../../nodes';
import type { AppMeta, HostedApp, HostedNode, NodeMeta } from './node-host-port';

/** The meta a node host carries (what the runtime stored with it). */
export function nodeMetaOf(host: NodeHost): NodeMeta {
  const meta = host.meta as Partial<NodeMeta> | null;
  return { typeName: meta?.typeName ?? 'SchedulerNode', infoJson: meta?.infoJson ?? '{}', ...(meta?.userData ? { userData: meta.userData } : {}) };
}

export function hostedNode(host: NodeHost): HostedNode {
  return {
    appId: host.appId,
    nodeId: host.nodeId,
    state: () => host.state,
    context: () => host.snapshot.context,
    isLive: () => host.snapshot.hasTag('live'),
    meta: () => nodeMetaOf(host),
  };
}

export function hostedApp(app: AppHost, meta: () => AppMeta): HostedApp {
  return {
    appId: app.appId,
    initialized: () => app.snapshot.context.initialized,
    meta,
    nodeIds: () => [...app.nodes.keys()],
  };
}
