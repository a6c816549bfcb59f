import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { createTestProject, testJobs, testPlan, testPlanJob } from '../../testing/test-plan.js';
import type { Store } from '../../store.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

async function buildWithJobs(store: Store) {
  const project = await createTestProject(store);
  const { build, jobs } = await store.builds.createBuildWithJobs({
    build: { projectId: project.id, event: 'api', trusted: true, plan: testPlan([testPlanJob('build'), testPlanJob('test')]) },
    jobs: testJobs('build', 'test'),
  });
  return { project, build, jobs };
}

describe.each(STORE_KINDS)('artifacts repository on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('stores metadata with the file list, lists by build, job and digest, and sums bytes per project', async () => {
    const { project, build, jobs } = await buildWithJobs(t.store);
    const files = [{ path: 'dist/app.js', type: 'file' as const, size: 3, digest: digest('b') }];
    const a = await t.store.artifacts.createArtifact({ projectId: project.id, buildId: build.id, jobId: jobs[0]!.id, name: 'dist', size: 100, digest: digest('a'), files, blobKey: 'artifacts/x', expiresAt: null });
    clock.advance(10);
    const b = await t.store.artifacts.createArtifact({ projectId: project.id, buildId: build.id, jobId: jobs[1]!.id, name: 'report', size: 2_500_000_000, digest: digest('c'), files: [], blobKey: 'artifacts/y', expiresAt: clock.now() + 1000 });

    expect(await t.store.artifacts.getArtifact(a.id)).toEqual({ ...a, files, promotionLevel: null });
    expect((await t.store.artifacts.listArtifacts({ buildId: build.id })).items.map((x) => x.name)).toEqual(['report', 'dist']);
    const page = await t.store.artifacts.listArtifacts({ projectId: project.id }, { limit: 1 });
    expect(page.items.map((x) => x.id)).toEqual([b.id]);
    expect((await t.store.artifacts.listArtifacts({ projectId: project.id }, { limit: 1, cursor: page.nextCursor ?? '' })).items.map((x) => x.id)).toEqual([a.id]);
    expect((await t.store.artifacts.listJobArtifacts([jobs[0]!.id])).map((x) => x.id)).toEqual([a.id]);
    expect(await t.store.artifacts.listJobArtifacts([])).toEqual([]);
    expect((await t.store.artifacts.findArtifactsByDigest(project.id, digest('a'))).map((x) => x.id)).toEqual([a.id]);
    expect(await t.store.artifacts.sumArtifactBytes(project.id)).toBe(2_500_000_100);
    expect(await t.store.artifacts.sumArtifactBytes('p_none')).toBe(0);

    expect(await t.store.artifacts.listExpiredArtifacts(clock.now(), 10)).toEqual([]);
    expect((await t.store.artifacts.listExpiredArtifacts(clock.now() + 1000, 10)).map((x) => x.id)).toEqual([b.id]);
    expect(await t.store.artifacts.setPromotionLevel(project.id, digest('a'), 'staging')).toBe(1);
    expect((await t.store.artifacts.getArtifact(a.id)).promotionLevel).toBe('staging');
    await t.store.artifacts.deleteArtifact(b.id);
    await expect(t.store.artifacts.deleteArtifact(b.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
