import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { testPlan, testPlanJob, uniqueName } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('projects repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('creates a project with defaults and finds it by id, name and trigger token', async () => {
    const name = uniqueName('web');
    const project = await t.store.projects.createProject({ name, repoUrl: 'https://example.com/web.git', triggerTokenHash: `h-${name}` });

    expect(project).toMatchObject({ name, defaultBranch: 'main', settings: {}, pipelinePath: null, pipelineYaml: null, nextBuildNumber: 1 });
    expect(await t.store.projects.getProject(project.id)).toEqual(project);
    expect(await t.store.projects.getProjectByName(name)).toEqual(project);
    expect(await t.store.projects.findProjectByTriggerTokenHash(`h-${name}`)).toEqual(project);
    await expect(t.store.projects.getProjectByName(uniqueName('none'))).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
    await expect(t.store.projects.createProject({ name })).rejects.toMatchObject({ code: 'ERR_STORE_ALREADY_EXISTS' });
  });

  it('updates settings and the inline pipeline, and refuses a rename onto another project', async () => {
    const a = await t.store.projects.createProject({ name: uniqueName('a') });
    const b = await t.store.projects.createProject({ name: uniqueName('b') });

    const updated = await t.store.projects.updateProject(a.id, { settings: { autoCancel: true, quota: 5 }, pipelineYaml: 'jobs: {}' });
    expect(updated).toMatchObject({ settings: { autoCancel: true, quota: 5 }, pipelineYaml: 'jobs: {}', name: a.name });
    await expect(t.store.projects.updateProject(a.id, { name: b.name })).rejects.toMatchObject({ code: 'ERR_STORE_ALREADY_EXISTS' });
  });

  it('lists by name, and only the projects a user is a member of when asked', async () => {
    const user = await t.store.users.createUser({ username: uniqueName('m') });
    const tag = uniqueName('list');
    const names = [`${tag}-c`, `${tag}-a`, `${tag}-b`];
    const created = [];
    for (const name of names) created.push(await t.store.projects.createProject({ name }));
    for (const p of created.slice(0, 2)) await t.store.members.createMember({ projectId: p.id, userId: user.id, role: 'viewer' });

    const mine = await t.store.projects.listProjects({ memberUserId: user.id });
    expect(mine.items.map((p) => p.name)).toEqual([`${tag}-a`, `${tag}-c`]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.store.projects.listProjects({}, { limit: 2, cursor: cursor ?? undefined });
      seen.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.filter((n) => n.startsWith(tag))).toEqual([`${tag}-a`, `${tag}-b`, `${tag}-c`]);
  });

  it('deletes a project with everything it owns', async () => {
    const project = await t.store.projects.createProject({ name: uniqueName('gone') });
    const { build, jobs } = await t.store.builds.createBuildWithJobs({
      build: { projectId: project.id, event: 'manual', trusted: true, plan: testPlan([testPlanJob('a')]) },
      jobs: [{ planJob: testPlanJob('a'), status: 'queued' }],
    });
    await t.store.logs.appendLogChunk({ jobId: jobs[0]?.id ?? '', attempt: 1, offset: 0, data: Buffer.from('hi') });
    await t.store.secrets.createSecret({ projectId: project.id, name: 'TOKEN', ciphertext: Buffer.from([1]), nonce: Buffer.from([2]) });

    await t.store.projects.deleteProject(project.id);

    expect(await t.store.builds.findBuild(build.id)).toBeUndefined();
    expect(await t.store.jobs.findJob(jobs[0]?.id ?? '')).toBeUndefined();
    expect(await t.store.logs.getLogSize(jobs[0]?.id ?? '', 1)).toBe(0);
    expect(await t.store.secrets.findSecret(project.id, 'TOKEN')).toBeUndefined();
    await expect(t.store.projects.deleteProject(project.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
