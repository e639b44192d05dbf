/**
 * Election membership znodes: `member-<guid>-<seq>` under `/leader`.
 *
 * The per-session guid makes a create that failed with an unknown outcome
 * (connection loss, timeout) findable again, so a retry never leaves a
 * second member of ours behind (Curator's "protected" mode).
 */
import type { ZnodeBackend } from '../znode-backend';
import { ZkError } from './zk-errors';

const MEMBER = /^member-([0-9a-f-]+)-(\d{10})$/;

/** The sequence number of a member name, or undefined for a stray child of `/leader`. */
export function memberSequence(name: string): number | undefined {
  const match = MEMBER.exec(name);
  return match ? Number(match[2]) : undefined;
}

/** Member names sorted by sequence (election order), strays dropped. */
export function electionOrder(children: readonly string[]): string[] {
  return children
    .filter((name) => memberSequence(name) !== undefined)
    .sort((a, b) => memberSequence(a)! - memberSequence(b)!);
}

/**
 * Creates this session's member znode (ephemeral sequential) and returns its
 * name. After an unknown outcome it looks for the guid before creating again.
 */
export async function createMember(backend: ZnodeBackend, leaderDir: string, guid: string, data: Uint8Array, attempts = 3): Promise<string> {
  const prefix = `member-${guid}-`;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      const found = (await backend.getChildren(leaderDir)).find((name) => name.startsWith(prefix));
      if (found) return found;
    }
    try {
      const path = await backend.create(`${leaderDir}/${prefix}`, data, 'ephemeralSequential');
      return path.slice(path.lastIndexOf('/') + 1);
    } catch (err) {
      if (!(err instanceof ZkError && err.outcomeUnknown)) throw err;
      lastError = err;
    }
  }
  throw lastError;
}
