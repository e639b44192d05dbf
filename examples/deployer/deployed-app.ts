/**
 * The deployer's apps and what it does to them: deploy, scale, reconcile
 * after a failover, delete.
 *
 * Where the desired node count lives: in the user data of the app's nodes,
 * as `{"desired":n,"gen":g}`. Every node is launched carrying the count of
 * the deploy or scale that created it, and a scale first stores the new
 * count (with the next `gen`) on the app's lowest node, which every scale
 * keeps. So whatever a leader had persisted when it died, the newest `gen`
 * among the restored nodes gives the count the user last asked for, and the
 * new leader finishes the job. Each write is one node's znode: nothing grows
 * with the app.
 */
import { SchedulerApp, SchedulerNode, type SchedulerNodeInfo } from '../../src';
import { memberNodes } from '../hello/state-view';
import type { AppSpec } from './app-spec';

/** A deployed app; restored as this class after a failover. */
export class DeployedApp extends SchedulerApp {
  static override typeName = 'deployed-app';
}

/** A node of a deployed app. */
export class DeployedNode extends SchedulerNode {
  static override typeName = 'deployed-node';
}

interface DesiredCount {
  desired: number;
  gen: number;
}

function encodeDesired(count: DesiredCount): Uint8Array {
  return Buffer.from(JSON.stringify(count), 'utf8');
}

function decodeDesired(data: Uint8Array | undefined): DesiredCount | undefined {
  if (!data || data.length === 0) return undefined;
  try {
    const value = JSON.parse(Buffer.from(data).toString('utf8')) as Partial<DesiredCount>;
    return Number.isInteger(value.desired) && Number.isInteger(value.gen) ? (value as DesiredCount) : undefined;
  } catch {
    return undefined;
  }
}

/** The app's nodes that are part of it (not removed or being removed), oldest first. */
export const members = memberNodes;

/** The node count the user last asked for (the newest `gen` among the nodes), if any node carries one. */
export function desiredCount(app: SchedulerApp): DesiredCount | undefined {
  let best: DesiredCount | undefined;
  for (const node of app.getNodes()) {
    const count = decodeDesired(node.userData);
    if (count && (!best || count.gen > best.gen)) best = count;
  }
  return best;
}

/** The SchedulerNodeInfo every node of `spec` runs. */
export function nodeInfoOf(spec: Pick<AppSpec, 'name' | 'command' | 'image' | 'cpus' | 'mem'>): SchedulerNodeInfo {
  return {
    scheduler_container: {
      name: spec.name,
      cpus: spec.cpus,
      memory: spec.mem,
      ...(spec.command !== undefined ? { command: spec.command } : {}),
      ...(spec.image !== undefined ? { container_lite_info: { docker_image: spec.image } } : {}),
    },
  };
}

/** What the app's nodes run, read back from a restored node. */
function templateOf(app: SchedulerApp): SchedulerNodeInfo | undefined {
  const container = app.getNodes()[0]?.info.scheduler_container;
  return container ? { scheduler_container: container } : undefined;
}

/** Launches or removes nodes until the app has `count.desired` members; the newest nodes go first. */
async function converge(app: SchedulerApp, count: DesiredCount, template: SchedulerNodeInfo): Promise<void> {
  const driver = app.driver;
  if (!driver) return;
  const nodes = members(app);
  const work: Array<Promise<unknown>> = [];
  for (let i = nodes.length; i < count.desired; i++) work.push(driver.launchNode(new DeployedNode({ ...template, user_data: encodeDesired(count) })));
  for (const node of nodes.slice(count.desired).reverse()) work.push(driver.removeNode(node));
  await Promise.all(work);
}

/**
 * Sets the app's node count: persists the new count on the lowest node
 * first, then launches the missing nodes or removes the surplus ones (a
 * removed node is killed and stays gone).
 */
export async function scaleApp(app: SchedulerApp, desired: number, template = templateOf(app)): Promise<void> {
  const driver = app.driver;
  if (!driver || !template) return;
  const current = desiredCount(app);
  const count = { desired, gen: (current?.gen ?? 0) + 1 };
  const anchor = members(app)[0];
  if (anchor) await driver.storeData(anchor, encodeDesired(count));
  await converge(app, count, template);
}

/** After a failover: brings a restored app back to the count last asked for. */
export async function reconcileApp(app: SchedulerApp): Promise<void> {
  const count = desiredCount(app);
  const template = templateOf(app);
  if (count && template && members(app).length !== count.desired) await converge(app, count, template);
}

/** Kills and removes every node; an app without nodes is gone from the API. */
export async function deleteApp(app: SchedulerApp): Promise<void> {
  const driver = app.driver;
  if (!driver) return;
  await Promise.all(members(app).map((node) => driver.removeNode(node)));
}
