import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { testPlan, testPlanJob, uniqueName } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('pipelines repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('stores source and compiled plan per project and name', async () => {
    const project = await t.store.projects.createProject({ name: uniqueName('pl') });
    const plan = testPlan([testPlanJob('build'), testPlanJob('test', { needs: ['build'], matrix: { node: 20 } })]);
    const pipeline = await t.store.pipelines.createPipeline({ projectId: project.id, name: 'ci', path: '.ritmo.yml', source: 'jobs: ...', plan, sha: 'abc' });

    expect(pipeline.plan).toEqual(plan);
    expect(await t.store.pipelines.findPipelineByName(project.id, 'ci')).toEqual(pipeline);
    await expect(t.store.pipelines.createPipeline({ projectId: project.id, name: 'ci', source: '' })).rejects.toMatchObject({
      code: 'ERR_STORE_ALREADY_EXISTS',
    });

    const broken = await t.store.pipelines.updatePipeline(pipeline.id, { source: 'jobs: [', plan: null, sha: 'def' });
    expect(broken).toMatchObject({ source: 'jobs: [', plan: null, sha: 'def', path: '.ritmo.yml' });

    await t.store.pipelines.createPipeline({ projectId: project.id, name: 'deploy', source: 'x' });
    expect((await t.store.pipelines.listPipelines(project.id)).items.map((p) => p.name)).toEqual(['ci', 'deploy']);

    await t.store.pipelines.deletePipeline(pipeline.id);
    await expect(t.store.pipelines.getPipeline(pipeline.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
