/**
 * Where everything lives in ZooKeeper. One znode per record, so no write
 * grows with the size of an app (a znode and a request are limited to 1 MiB):
 *
 * ```
 * /<root>
 *   /leader/member-<guid>-<seq>    ephemeral sequential; lowest <seq> leads. <guid> is per
 *                                  session, so a create lost to CONNECTION_LOSS can be found again
 *   /epoch                         bumped (setData) by each new leader; its version is the fencing
 *                                  token: every commit starts with check(/epoch, version)
 *   /framework                     framework envelope (FrameworkID, FrameworkInfo)
 *   /apps/<appId>                  app envelope
 *   /apps/<appId>/nodes            (structural, created and deleted with the app)
 *   /apps/<appId>/nodes/<nodeId>   node envelope (snapshot + bounded history)
 * ```
 *
 * The envelopes are opaque bytes here; `src/nodes` decides their content.
 */
import type { RecordKey } from './state-store';
import { StoreInvalidIdError } from './store-errors';

// ZooKeeper rejects these in path segments (PathUtils.validatePath).
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\ud800-\uf8ff\ufff0-\uffff]/;

/** Throws CATAPULT_STORE_INVALID_ID unless `id` can be one znode name. */
export function validateId(kind: string, id: string): string {
  if (typeof id !== 'string' || id === '' || id === '.' || id === '..' || id.includes('/') || FORBIDDEN.test(id)) {
    throw new StoreInvalidIdError(kind, String(id));
  }
  return id;
}

/** Builds the paths of the tree drawn above under one root. */
export class StoreLayout {
  /** The root, e.g. `/catapult/my-framework` (`''` when the root is `/`). */
  readonly root: string;
  readonly leaderDir: string;
  readonly epochPath: string;
  readonly frameworkPath: string;
  readonly appsDir: string;

  /** `rootPath` is absolute: `/` or `/a/b` (no trailing slash). */
  constructor(rootPath: string) {
    if (rootPath !== '/') {
      if (!rootPath.startsWith('/') || rootPath.endsWith('/')) throw new StoreInvalidIdError('root path', rootPath);
      rootPath.slice(1).split('/').forEach((segment) => validateId('root path segment', segment));
    }
    this.root = rootPath === '/' ? '' : rootPath;
    this.leaderDir = `${this.root}/leader`;
    this.epochPath = `${this.root}/epoch`;
    this.frameworkPath = `${this.root}/framework`;
    this.appsDir = `${this.root}/apps`;
  }

  /** The root as a znode path (`/` for the top). */
  get rootPath(): string {
    return this.root === '' ? '/' : this.root;
  }

  appPath(appId: string): string {
    return `${this.appsDir}/${validateId('app id', appId)}`;
  }

  nodesDir(appId: string): string {
    return `${this.appPath(appId)}/nodes`;
  }

  nodePath(appId: string, nodeId: string): string {
    return `${this.nodesDir(appId)}/${validateId('node id', nodeId)}`;
  }

  /** The znode of a record. */
  pathOf(key: RecordKey): string {
    switch (key.kind) {
      case 'framework':
        return this.frameworkPath;
      case 'app':
        return this.appPath(key.appId);
      case 'node':
        return this.nodePath(key.appId, key.nodeId);
    }
  }
}
