/**
 * ZooKeeper ACLs, and the digest scheme's id derivation.
 */
import { createHash } from 'node:crypto';

/** ZooKeeper permission bits. */
export const ZkPerms = {
  READ: 1,
  WRITE: 2,
  CREATE: 4,
  DELETE: 8,
  ADMIN: 16,
  ALL: 31,
} as const;

/** One ACL entry: who (`scheme` + `id`) may do what (`perms`, a sum of {@link ZkPerms}). */
export interface ZkAcl {
  readonly scheme: 'world' | 'digest' | 'ip' | 'auth';
  readonly id: string;
  readonly perms: number;
}

/** Credentials for ZooKeeper's digest scheme (`addAuthInfo('digest', 'user:password')`). */
export interface ZkDigestAuth {
  readonly scheme: 'digest';
  readonly user: string;
  readonly password: string;
}

/** Anyone may do anything (ZooKeeper's OPEN_ACL_UNSAFE). */
export const OPEN_ACL: readonly ZkAcl[] = [{ scheme: 'world', id: 'anyone', perms: ZkPerms.ALL }];

/** The digest ACL id for a user: `user:base64(sha1("user:password"))`, as ZooKeeper's DigestAuthenticationProvider computes it. */
export function digestId(user: string, password: string): string {
  return `${user}:${createHash('sha1').update(`${user}:${password}`).digest('base64')}`;
}

/** An ACL granting `perms` (default: all) to the holder of these digest credentials only. */
export function digestAcl(auth: ZkDigestAuth, perms: number = ZkPerms.ALL): ZkAcl[] {
  return [{ scheme: 'digest', id: digestId(auth.user, auth.password), perms }];
}
