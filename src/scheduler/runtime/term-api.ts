/**
 * The {@link RuntimeApi} of one leadership term: apps and nodes of the
 * term's node runtime, and the operations on them, each resolving once its
 * change is durable.
 */
import type { NodeOperatorCommand } from '../../../machines';
import { hostedApp, hostedNode } from './hosted-views';
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
    return hostedApp(app, () => this.term.frameworkRecord.current.apps[appId] ?? { name: appId, typeName: 'SchedulerApp' });
  }

  node(nodeId: string): HostedNode | undefined {
    const host = this.term.nodes.nodes.get(nodeId);
    return host && hostedNode(host);
  }

  async createApp(appId: string, meta: AppMeta): Promise<HostedApp> {
    await this.term.frameworkRecord.update((r) => void (r.apps[appId] = { name: meta.name, typeName: meta.typeName }));
    await this.term.nodes.createApp(appId);
    return this.app(appId)!;
  }

  initializeApp(appId: string): Promise<boolean> {
    const app = this.term.nodes.apps.get(appId);
    if (!app) return Promise.reject(new UnknownAppError(appId));
    return app.initializeOnce();
  }

  async addNode(appId: string, meta: NodeMeta): Promise<HostedNode> {
    if (!this.term.nodes.apps.has(appId)) throw new UnknownAppError(appId);
    const host = await this.term.nodes.addNode(appId, { meta: { ...meta }, options: this.options.nodeDefaults });
    this.term.watch(host);
    return hostedNode(host);
  }

  async command(nodeId: string, command: NodeOperatorCommand): Promise<void> {
    this.host(nodeId).send({ type: command });
    await this.term.nodes.settled();
  }

  async sendMessage(nodeId: string, dataBase64: string): Promise<void> {
    this.host(nodeId).send({ type: 'message.send', data: dataBase64 });
    await this.term.nodes.settled();
  }

  async storeNodeData(nodeId: string, userDataBase64: string | undefined): Promise<void> {
    const host = this.host(nodeId);
    const meta = host.meta as NodeMeta;
    if (userDataBase64 === undefined) delete meta.userData;
    else meta.userData = userDataBase64;
    await this.term.nodes.persister.put(nodeId, host.key, () => host.encode());
  }

  private host(nodeId: string) {
    const host = this.term.nodes.nodes.get(nodeId);
    if (!host) throw new UnknownNodeError(nodeId);
    return host;
  }
}
