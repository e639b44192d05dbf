/**
 * The live nodes of each app, for the constraints that look at where an
 * app's other nodes run. Built once per matching call and grown as nodes are
 * placed, so a node's peers cost a lookup rather than a scan of every
 * placement.
 */
import type { PlacementConstraint } from './constraint-parser';
import type { NodePlacement } from './constraints';

const INTER_NODE: ReadonlySet<string> = new Set(['UNIQUE', 'CLUSTER', 'GROUP_BY', 'MAX_PER']);
const NONE: readonly NodePlacement[] = [];

/** True when some constraint depends on where the app's other nodes run. */
export function needsPeers(constraints: readonly PlacementConstraint[]): boolean {
  return constraints.some((c) => INTER_NODE.has(c.type));
}

interface AppPlacements {
  list: NodePlacement[];
  ids: Set<string>;
}

/** Placements grouped by app. */
export class PeerIndex {
  private readonly apps = new Map<string, AppPlacements>();

  constructor(placements: readonly NodePlacement[]) {
    for (const placement of placements) this.add(placement);
  }

  add(placement: NodePlacement): void {
    let app = this.apps.get(placement.appId);
    if (!app) {
      app = { list: [], ids: new Set() };
      this.apps.set(placement.appId, app);
    }
    app.list.push(placement);
    app.ids.add(placement.nodeId);
  }

  /**
   * Where the app's other nodes run. The returned list is live: read it
   * before the next {@link add}.
   */
  peersOf(appId: string, nodeId: string): readonly NodePlacement[] {
    const app = this.apps.get(appId);
    if (!app) return NONE;
    return app.ids.has(nodeId) ? app.list.filter((p) => p.nodeId !== nodeId) : app.list;
  }
}
