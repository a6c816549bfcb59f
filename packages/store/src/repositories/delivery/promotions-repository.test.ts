import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { createTestProject, testJobs, testPlan, testPlanJob } from '../../testing/test-plan.js';

describe.each(STORE_KINDS)('promotions repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('keeps pending promotions with their approvals until promoted, and lists the history', async () => {
    const project = await createTestProject(t.store);
    const { build } = await t.store.builds.createBuildWithJobs({
      build: { projectId: project.id, event: 'api', trusted: true, plan: testPlan([testPlanJob('build')]) },
      jobs: testJobs('build'),
    });
    const digest = `sha256:${'d'.repeat(64)}`;
    const artifact = await t.store.artifacts.createArtifact({ projectId: project.id, buildId: build.id, jobId: null, name: 'dist', size: 1, digest, files: [], blobKey: 'artifacts/z', expiresAt: null });
    const pending = await t.store.promotions.createPromotion({ projectId: project.id, artifactId: artifact.id, digest, fromLevel: 'staging', toLevel: 'prod', status: 'pending', approvals: [{ userId: 'u_1', username: 'ann', at: 1 }] });
    expect((await t.store.promotions.findPendingPromotion(project.id, digest, 'prod'))?.id).toBe(pending.id);
    expect(await t.store.promotions.findPendingPromotion(project.id, digest, 'staging')).toBeUndefined();
    const done = await t.store.promotions.updatePromotion(pending.id, { status: 'promoted', actor: 'u_2', finishedAt: 9 }, { ifStatus: ['pending'] });
    expect(done).toMatchObject({ status: 'promoted', actor: 'u_2', finishedAt: 9, approvals: [{ username: 'ann' }] });
    await expect(t.store.promotions.updatePromotion(pending.id, { status: 'promoted' }, { ifStatus: ['pending'] })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' });
    expect(await t.store.promotions.findPendingPromotion(project.id, digest, 'prod')).toBeUndefined();
    await t.store.promotions.createPromotion({ projectId: project.id, artifactId: artifact.id, digest, fromLevel: null, toLevel: 'dev', status: 'promoted' });
    expect((await t.store.promotions.listPromotions(project.id, { digest })).items).toHaveLength(2);
    expect((await t.store.promotions.getPromotion(pending.id)).toLevel).toBe('prod');
  });
});
