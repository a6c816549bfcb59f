import { describe, expect, it } from 'vitest';
import type { Role } from '@ritmo/protocol';
import type { Actor } from './actor.js';
import { projectResource, site, userResource } from './actor.js';
import { authorize, isAllowed } from './authorize.js';

const actor = (roles: Record<string, Role>, admin = false): Actor => ({ userId: 'u1', username: 'u1', admin, roles: new Map(Object.entries(roles)), via: 'token', credentialId: 't' });

describe('authorize', () => {
  it('grants project actions by the minimum role', () => {
    const a = projectResource('A');
    expect(isAllowed(actor({ A: 'viewer' }), 'build.read', a)).toBe(true);
    expect(isAllowed(actor({ A: 'viewer' }), 'build.cancel', a)).toBe(false);
    expect(isAllowed(actor({ A: 'developer' }), 'build.cancel', a)).toBe(true);
    expect(isAllowed(actor({ A: 'developer' }), 'job.approve', a)).toBe(false);
    expect(isAllowed(actor({ A: 'maintainer' }), 'job.approve', a)).toBe(true);
    expect(isAllowed(actor({ A: 'maintainer' }), 'project.delete', a)).toBe(false);
    expect(isAllowed(actor({ A: 'admin' }), 'project.delete', a)).toBe(true);
  });

  it('denies a role in another project, and site-admin actions to everyone else', () => {
    expect(isAllowed(actor({ A: 'admin' }), 'build.read', projectResource('B'))).toBe(false);
    expect(isAllowed(actor({ A: 'admin' }), 'user.manage', site)).toBe(false);
    expect(isAllowed(actor({}), 'project.create', site)).toBe(true);
    expect(isAllowed(actor({}, true), 'user.manage', site)).toBe(true);
    expect(isAllowed(actor({}, true), 'project.delete', projectResource('B'))).toBe(true);
  });

  it('allows self actions only on oneself', () => {
    expect(isAllowed(actor({}), 'token.manage', userResource('u1'))).toBe(true);
    expect(isAllowed(actor({}), 'token.manage', userResource('u2'))).toBe(false);
    expect(isAllowed(actor({ A: 'admin' }), 'token.manage', projectResource('A'))).toBe(false);
  });

  it('throws ERR_AUTH_FORBIDDEN naming the action', () => {
    expect(() => authorize(actor({ A: 'viewer' }), 'build.cancel', projectResource('A'))).toThrow(expect.objectContaining({ code: 'ERR_AUTH_FORBIDDEN', status: 403 }));
  });
});
