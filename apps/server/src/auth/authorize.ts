import type { Role } from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import type { Actor, Resource } from './actor.js';

/**
 * Who may do what. `project` rules need at least that role in the resource's project; `site` rules
 * are for any signed-in user (`user`) or site administrators only (`admin`); `self` rules allow a user
 * to act on their own account. Site administrators pass every rule. Anything not listed is denied.
 */
const rules = {
  'project.create': { site: 'user' },
  'project.list': { site: 'user' },
  'project.read': { project: 'viewer' },
  'project.update': { project: 'maintainer' },
  'project.delete': { project: 'admin' },
  'member.list': { project: 'viewer' },
  'member.manage': { project: 'admin' },
  'pipeline.read': { project: 'viewer' },
  'pipeline.validate': { site: 'user' },
  'build.list': { site: 'user' },
  'build.read': { project: 'viewer' },
  'build.trigger': { project: 'developer' },
  'build.cancel': { project: 'developer' },
  'build.retry': { project: 'developer' },
  'job.approve': { project: 'maintainer' },
  'secret.list': { project: 'developer' },
  'secret.write': { project: 'maintainer' },
  'secret.approve-build': { project: 'maintainer' },
  'log.read': { project: 'viewer' },
  'delivery.read': { project: 'maintainer' },
  'delivery.redeliver': { project: 'maintainer' },
  'trigger.manage': { project: 'maintainer' },
  'events.read': { site: 'user' },
  'agent.read': { site: 'user' },
  'plugin.read': { site: 'user' },
  'agent.manage': { site: 'admin' },
  'agent-token.manage': { site: 'admin' },
  'user.read': { site: 'user' },
  'user.list': { site: 'admin' },
  'user.manage': { site: 'admin' },
  'user.self': { self: true },
  'token.manage': { self: true },
  'audit.read': { site: 'admin' },
  'audit.read-project': { project: 'maintainer' },
  'artifact.read': { project: 'viewer' },
  'artifact.delete': { project: 'maintainer' },
  'artifact.promote': { project: 'developer' },
  'cache.read': { project: 'developer' },
  'cache.delete': { project: 'maintainer' },
  'environment.read': { project: 'viewer' },
  'environment.manage': { project: 'maintainer' },
  'deployment.create': { project: 'developer' },
  'deployment.review': { project: 'viewer' },
  'delivery.manage': { project: 'maintainer' },
} as const satisfies Record<string, { project: Role } | { site: 'user' | 'admin' } | { self: true }>;

export type Action = keyof typeof rules;

const rank: Record<Role, number> = { viewer: 1, developer: 2, maintainer: 3, admin: 4 };

/** True when `role` is at least `min`. */
export function roleAtLeast(role: Role | undefined, min: Role): boolean {
  return role !== undefined && rank[role] >= rank[min];
}

/** The one policy check. Returns whether the actor may perform the action on the resource. */
export function isAllowed(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.admin) return true;
  const rule: { project?: Role; site?: 'user' | 'admin'; self?: true } = rules[action];
  if (rule.site !== undefined) return rule.site === 'user';
  if (rule.self) return resource.kind === 'user' && resource.userId === actor.userId;
  if (rule.project !== undefined) return resource.kind === 'project' && roleAtLeast(actor.roles.get(resource.projectId), rule.project);
  return false;
}

/** Throws ERR_AUTH_FORBIDDEN unless the policy allows the action. Every route goes through here. */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (isAllowed(actor, action, resource)) return;
  const where = resource.kind === 'project' ? ` in project ${resource.projectId}` : '';
  throw new RitmoError('ERR_AUTH_FORBIDDEN', `${actor.username} may not ${action}${where}`, {
    details: { action, resource },
    suggestions: resource.kind === 'project' ? ['ask a project admin for a role that allows it'] : [],
  });
}
