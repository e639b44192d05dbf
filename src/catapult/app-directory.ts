/**
 * The framework's apps: the user's app objects and their drivers, rebuilt
 * from the runtime's restored apps and nodes on every new leadership term,
 * and adopted by the user's `register` calls.
 */
import type { RuntimeApi } from '../scheduler/runtime/runtime-api';
import type { HostedApp } from '../scheduler/runtime/node-host-port';
import { nodeInfoFromJson } from '../scheduler/runtime/node-info';
import type { Logger } from '../util/logger';
import { AppDriverImpl } from './app-driver-impl';
import { bindApp } from './bindings';
import { UnknownTypeError } from './catapult-errors';
import { SchedulerApp } from './scheduler-app';
import { SchedulerNode } from './scheduler-node';
import type { TypeRegistry } from './type-registry';

export interface AppEntry {
  app: SchedulerApp;
  driver: AppDriverImpl;
}

export class AppDirectory {
  private readonly entries = new Map<string, AppEntry>();

  constructor(
    private readonly types: TypeRegistry,
    private readonly logger: Logger,
  ) {}

  get(appId: string): AppEntry | undefined {
    return this.entries.get(appId);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Adds (or replaces) an app's entry and binds the app to its driver. */
  set(appId: string, app: SchedulerApp, driver: AppDriverImpl): AppEntry {
    const previous = this.entries.get(appId);
    if (previous && previous.app !== app) bindApp(previous.app, undefined);
    bindApp(app, driver);
    const entry = { app, driver };
    this.entries.set(appId, entry);
    return entry;
  }

  /** Forgets every app (leadership ended; the next term rebuilds them). */
  clear(): void {
    for (const { app } of this.entries.values()) bindApp(app, undefined);
    this.entries.clear();
  }

  /**
   * Rebuilds every restored app and its nodes as the user's classes. Objects
   * of an earlier term in this process are reused, so references the user
   * holds stay valid.
   */
  restore(runtime: RuntimeApi): void {
    const knownApps = new Map([...this.entries].map(([id, e]) => [id, e.app]));
    const knownNodes = new Map([...this.entries.values()].flatMap((e) => [...e.driver.nodes]));
    this.clear();
    for (const hosted of runtime.apps()) this.restoreApp(runtime, hosted, knownApps.get(hosted.appId), knownNodes);
  }

  private restoreApp(runtime: RuntimeApi, hosted: HostedApp, known: SchedulerApp | undefined, knownNodes: ReadonlyMap<string, SchedulerNode>): void {
    const meta = hosted.meta();
    const driver = new AppDriverImpl(hosted.appId, runtime, this.types);
    let app = known;
    if (!app) {
      const cls = this.types.appClass(meta.typeName);
      if (!cls) this.logger.warn({ appId: hosted.appId, err: new UnknownTypeError('app', meta.typeName) }, 'restoring the app as a plain SchedulerApp');
      app = cls ? new cls(meta.name) : new SchedulerApp(meta.name);
    }
    this.set(hosted.appId, app, driver);
    for (const nodeId of hosted.nodeIds()) {
      const node = runtime.node(nodeId);
      if (!node) continue;
      const nodeMeta = node.meta();
      const info = nodeInfoFromJson(nodeMeta.infoJson);
      let object = knownNodes.get(nodeId) ?? app.createNode(info, nodeMeta.typeName);
      if (!object) {
        const cls = this.types.nodeClass(nodeMeta.typeName);
        if (!cls) this.logger.warn({ nodeId, err: new UnknownTypeError('node', nodeMeta.typeName) }, 'restoring the node as a plain SchedulerNode');
        object = cls ? new cls(info) : new SchedulerNode(info);
      }
      driver.attach(object, node);
    }
  }
}
