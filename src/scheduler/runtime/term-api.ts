/**
 * The {@link RuntimeApi} of one leadership term: apps and nodes of the
 * term's node runtime, and the operations on them, each resolving once its
 * change is durable.
 */
import type { NodeOperatorCommand } from '../../../machines';
import { hostedApp, hostedNode, nodeMetaOf } from './hosted-views';
import type { LeaderTerm } from './leader-term';
import type { AppMeta, HostedApp, HostedNode, NodeMeta } from './node-host-port';
import type { RuntimeApi } from './runtime-api';
import { UnknownAppError, UnknownNodeError } from './runtime-errors';
import type { SchedulerRuntimeOptions } from './runtime-options';

export class TermApi implements RuntimeApi {
  readonly leading = true;

  constructor(
    private readonly term: LeaderTerm,
    private readonly options: SchedulerRuntimeOptions,
  ) {}

  get subscribed(): boolean {
    return this.term.subscribed;
  }

  get frameworkId(): string | undefined {
    return this.term.frameworkId;
  }

  apps(): HostedApp[] {
    return [...this.term.nodes.apps.keys()].map((appId) => this.app(appId)!);
  }

  app(appId: string): HostedApp | undefined {
    const app = this.term.nodes.apps.get(appId);
    if (!app) return undefined;
    return hostedApp(app, () => appMetaOf(app.meta) ?? this.term.frameworkRecord.current.apps[appId] ?? { name: appId, typeName: 'SchedulerApp' });
  }

  node(nodeId: string): HostedNode | undefined {
    const host = this.term.nodes.nodes.get(nodeId);
    return host && hostedNode(host);
  }

  async createApp(appId: string, meta: AppMeta): Promise<HostedApp> {
    await this.term.nodes.createApp(appId, { meta: { name: meta.name, typeName: meta.typeName } });
    this.term.appChanged(appId);
    return this.app(appId)!;
  }

  async initializeApp(appId: string): Promise<boolean> {
    const app = this.term.nodes.apps.get(appId);
    if (!app) throw new UnknownAppError(appId);
    const first = await app.initializeOnce();
    if (first) this.term.appChanged(appId);
    return first;
  }

  async addNode(appId: string, meta: NodeMeta): Promise<HostedNode> {
    if (!this.term.nodes.apps.has(appId)) throw new UnknownAppError(appId);
    const host = await this.term.nodes.addNode(appId, { meta: { ...meta }, options: this.options.nodeDefaults });
    return hostedNode(host);
  }

  command(nodeId: string, command: NodeOperatorCommand): Promise<void> {
    return this.host(nodeId).sendDurable({ type: command });
  }

  sendMessage(nodeId: string, dataBase64: string): Promise<void> {
    return this.host(nodeId).sendDurable({ type: 'message.send', data: dataBase64 });
  }

  storeNodeData(nodeId: string, userDataBase64: string | undefined): Promise<void> {
    const host = this.host(nodeId);
    const { userData: _previous, ...rest } = nodeMetaOf(host);
    return host.updateMeta(userDataBase64 === undefined ? rest : { ...rest, userData: userDataBase64 });
  }

  private host(nodeId: string) {
    const host = this.term.nodes.nodes.get(nodeId);
    if (!host) throw new UnknownNodeError(nodeId);
    return host;
  }
}

/** The app meta stored in the app's envelope; undefined for an app stored before it was kept there. */
function appMetaOf(meta: unknown): AppMeta | undefined {
  const m = meta as Partial<AppMeta> | null;
  return m && typeof m.name === 'string' && typeof m.typeName === 'string' ? { name: m.name, typeName: m.typeName } : undefined;
}
