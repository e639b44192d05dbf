/**
 * Whole-tree helpers over any {@link ZnodeBackend}: `mkdirp` and a
 * recursive delete (the library's `removeRecursive` is broken with async 3:
 * its listing stops at the second level, so the delete fails NOT_EMPTY).
 */
import type { ZnodeBackend } from '../znode-backend';
import { ZK_CODES, hasZkCode } from './zk-errors';

/** Creates `path` and its missing ancestors (persistent, empty). Existing znodes are left alone. */
export async function mkdirp(backend: Pick<ZnodeBackend, 'exists' | 'create'>, path: string): Promise<void> {
  if ((await backend.exists(path)) !== null) return;
  let prefix = '';
  for (const part of path.split('/').filter((p) => p !== '')) {
    prefix += `/${part}`;
    try {
      await backend.create(prefix);
    } catch (err) {
      if (!hasZkCode(err, ZK_CODES.NODE_EXISTS)) throw err;
    }
  }
}

/**
 * Deletes `path` and everything below it, leaves first, siblings in
 * parallel. Znodes that vanish meanwhile are fine; one created below `path`
 * meanwhile fails the delete with CATAPULT_ZK_NOT_EMPTY. For `/`, deletes
 * its children except `/zookeeper`.
 */
export async function removeRecursive(backend: Pick<ZnodeBackend, 'getChildren' | 'remove'>, path: string): Promise<void> {
  let children: string[];
  try {
    children = await backend.getChildren(path);
  } catch (err) {
    if (hasZkCode(err, ZK_CODES.NO_NODE)) return;
    throw err;
  }
  const base = path === '/' ? '' : path;
  const targets = path === '/' ? children.filter((c) => c !== 'zookeeper') : children;
  await Promise.all(targets.map((child) => removeRecursive(backend, `${base}/${child}`)));
  if (path === '/') return;
  try {
    await backend.remove(path);
  } catch (err) {
    if (!hasZkCode(err, ZK_CODES.NO_NODE)) throw err;
  }
}
