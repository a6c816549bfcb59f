import type * as api from '@ritmo/protocol';
import type { Agent, ApiToken, AuditEvent, RegistrationToken, User } from '@ritmo/store';
import { iso } from './iso.js';

export function toUserDto(u: User): api.User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    admin: u.isAdmin,
    disabled: u.disabled,
    createdAt: iso(u.createdAt),
  };
}

export function toApiTokenDto(t: ApiToken): api.ApiToken {
  return {
    id: t.id,
    userId: t.userId,
    name: t.name,
    prefix: t.prefix,
    expiresAt: iso(t.expiresAt),
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
    createdAt: iso(t.createdAt),
  };
}

export function toAgentDto(a: Agent, runningJobs: string[]): api.Agent {
  return {
    id: a.id,
    name: a.name,
    labels: a.labels,
    status: a.status,
    draining: a.draining,
    capacity: a.capacity,
    version: a.version,
    runningJobs,
    lastSeenAt: iso(a.lastSeenAt),
    createdAt: iso(a.createdAt),
  };
}

export function toRegistrationTokenDto(t: RegistrationToken): api.AgentRegistrationToken {
  return {
    id: t.id,
    name: t.name,
    labels: t.labels,
    uses: t.uses,
    expiresAt: iso(t.expiresAt),
    revokedAt: iso(t.revokedAt),
    createdAt: iso(t.createdAt),
  };
}

export function toAuditDto(e: AuditEvent): api.AuditEvent {
  return {
    id: e.id,
    actor: e.actor,
    action: e.action,
    resourceType: e.targetType,
    resourceId: e.targetId,
    projectId: e.projectId,
    requestId: e.requestId,
    details: e.details,
    createdAt: iso(e.at),
  };
}
