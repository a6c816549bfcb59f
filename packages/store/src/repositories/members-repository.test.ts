import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { uniqueName } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('members repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('gives users roles in a project and lists them by username', async () => {
    const project = await t.store.projects.createProject({ name: uniqueName('team') });
    const zed = await t.store.users.createUser({ username: uniqueName('zed'), displayName: 'Zed' });
    const amy = await t.store.users.createUser({ username: uniqueName('amy') });

    const member = await t.store.members.createMember({ projectId: project.id, userId: zed.id, role: 'developer' });
    expect(member).toMatchObject({ projectId: project.id, userId: zed.id, role: 'developer', username: zed.username, displayName: 'Zed' });
    await t.store.members.createMember({ projectId: project.id, userId: amy.id, role: 'viewer' });
    await expect(t.store.members.createMember({ projectId: project.id, userId: amy.id, role: 'admin' })).rejects.toMatchObject({
      code: 'ERR_STORE_ALREADY_EXISTS',
    });

    const listed = await t.store.members.listMembers(project.id);
    expect(listed.items.map((m) => m.userId)).toEqual([amy.id, zed.id]);

    expect((await t.store.members.updateMember(project.id, zed.id, { role: 'maintainer' })).role).toBe('maintainer');
    expect((await t.store.members.getMember(project.id, zed.id)).role).toBe('maintainer');

    await t.store.members.deleteMember(project.id, amy.id);
    expect(await t.store.members.findMember(project.id, amy.id)).toBeUndefined();
    await expect(t.store.members.deleteMember(project.id, amy.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
    await expect(t.store.members.updateMember(project.id, amy.id, { role: 'viewer' })).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('refuses an unknown role and unknown users', async () => {
    const project = await t.store.projects.createProject({ name: uniqueName('roles') });
    const user = await t.store.users.createUser({ username: uniqueName('r') });
    await expect(
      t.store.members.createMember({ projectId: project.id, userId: user.id, role: 'owner' as 'admin' }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(t.store.members.createMember({ projectId: project.id, userId: 'u_nobody', role: 'viewer' })).rejects.toMatchObject({
      code: 'ERR_STORE_INVALID_REFERENCE',
    });
  });
});
