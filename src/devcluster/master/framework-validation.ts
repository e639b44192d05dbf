/**
 * FrameworkInfo checks a Mesos master makes at SUBSCRIBE. A failure is
 * answered with an ERROR event (worded as Mesos words it) and the stream is
 * closed.
 */
import { mesos } from '../../../proto/gen/mesos';
import { has } from './presence';

const MULTI_ROLE = mesos.v1.FrameworkInfo.Capability.Type.MULTI_ROLE;

/** Why a role name is invalid, or undefined when it is valid. */
export function roleError(role: string): string | undefined {
  if (role === '*') return undefined;
  if (role === '') return 'Empty role name is invalid';
  if (role.startsWith('/') || role.endsWith('/') || role.includes('//')) return `Role '${role}' cannot start or end with a slash, or contain consecutive slashes`;
  for (const part of role.split('/')) {
    if (part === '.' || part === '..' || part === '*') return `Role '${role}' cannot contain '.', '..' or '*' as a path component`;
    if (part.startsWith('-')) return `Role '${role}' cannot start a path component with '-'`;
    if (/[\t\n\v\f\r \x7f]/.test(part)) return `Role '${role}' cannot include a whitespace or DEL character`;
  }
  return undefined;
}

/** The roles a framework subscribes with: `roles` when MULTI_ROLE, else `role` (default `*`). */
export function frameworkRoles(info: mesos.v1.IFrameworkInfo): string[] {
  const multiRole = (info.capabilities ?? []).some((c) => c.type === MULTI_ROLE);
  if (multiRole) return [...(info.roles ?? [])];
  return [has(info, 'role') ? info.role! : '*'];
}

/** Why a SUBSCRIBE's FrameworkInfo is refused, or undefined when it is acceptable. */
export function frameworkInfoError(subscribe: mesos.v1.scheduler.Call.ISubscribe): string | undefined {
  const info = subscribe.framework_info;
  const multiRole = (info.capabilities ?? []).some((c) => c.type === MULTI_ROLE);
  if (!multiRole && (info.roles ?? []).length > 0) return "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable";
  if (multiRole && has(info, 'role')) return "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable";
  const roles = frameworkRoles(info);
  if (new Set(roles).size !== roles.length) return "'FrameworkInfo.roles' contains duplicate items";
  for (const role of roles) {
    const error = roleError(role);
    if (error) return error;
  }
  const timeout = info.failover_timeout;
  if (typeof timeout === 'number' && (!Number.isFinite(timeout) || timeout < 0 || timeout > 9.2e9)) return `Invalid failover_timeout: ${timeout}`;
  const suppressed = subscribe.suppressed_roles ?? [];
  const outside = suppressed.filter((r) => !roles.includes(r));
  if (outside.length > 0) return `Suppressed roles { ${outside.join(', ')} } are not contained in the set of roles`;
  return undefined;
}
