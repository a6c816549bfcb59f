import { describe, expect, it } from 'vitest';
import { diagnose, diagnosticsOf, jobOf, planOf } from './test-helpers.js';

const needsOf = (text: string) => Object.fromEntries(planOf(text).jobs.map((j) => [j.id, j.needs]));

describe('compileStages', () => {
  it('makes each job need every job of the previous non-empty stage', () => {
    const text = [
      'stages: [build, lint, test, deploy]',
      'jobs:',
      '  a: { stage: build, steps: [x] }',
      '  b: { stage: build, steps: [x] }',
      '  t: { stage: test, steps: [x] }',
      '  d: { stage: deploy, steps: [x] }',
    ].join('\n');
    expect(needsOf(text)).toEqual({ a: [], b: [], t: ['a', 'b'], d: ['t'] });
    const plan = planOf(text);
    expect(plan.stages).toEqual(['build', 'lint', 'test', 'deploy']);
    expect(jobOf(plan, 't')).toMatchObject({ stage: 'test', needsKeys: ['a', 'b'] });
  });

  it('puts a job without stage: into the first stage', () => {
    const text = ['stages: [one, two]', 'jobs:', '  free: { steps: [x] }', '  later: { stage: two, steps: [x] }'].join('\n');
    const plan = planOf(text);
    expect(jobOf(plan, 'free')).toMatchObject({ stage: 'one', needs: [] });
    expect(jobOf(plan, 'later').needs).toEqual(['free']);
  });

  it('lets explicit needs override stage ordering, and needs: [] mean none', () => {
    const text = [
      'stages: [build, test, deploy]',
      'jobs:',
      '  a: { stage: build, steps: [x] }',
      '  b: { stage: build, steps: [x] }',
      '  t: { stage: test, needs: [a], steps: [x] }',
      '  fast: { stage: deploy, needs: [], steps: [x] }',
    ].join('\n');
    expect(needsOf(text)).toEqual({ a: [], b: [], t: ['a'], fast: [] });
  });

  it('needing a matrix job means needing all its cells', () => {
    const text = ['jobs:', '  test: { strategy: { matrix: { n: [1, 2] } }, steps: [x] }', '  after: { needs: test, steps: [x] }'].join('\n');
    expect(needsOf(text).after).toEqual(['test-1', 'test-2']);
  });

  it('ignores repeated needs', () => {
    expect(needsOf('jobs:\n  a: { steps: [x] }\n  b: { needs: [a, a], steps: [x] }\n').b).toEqual(['a']);
  });

  it('rejects an unknown stage with a suggestion', () => {
    const text = 'stages: [build, test]\njobs:\n  a: { stage: tset, steps: [x] }\n';
    expect(diagnose(text)).toEqual(['3:15 ERR_PIPELINE_UNKNOWN_STAGE']);
    expect(diagnosticsOf(text)[0]).toMatchObject({ suggestions: ['did you mean "test"?'], path: 'jobs.a.stage' });
  });

  it('rejects a stage when the pipeline declares none', () => {
    const [d] = diagnosticsOf('jobs:\n  a:\n    stage: build\n    steps: [x]\n');
    expect(d).toMatchObject({ line: 3, column: 12, code: 'ERR_PIPELINE_UNKNOWN_STAGE', message: 'job "a" names stage "build" but the pipeline declares no stages:' });
  });
});

describe('checkNeedsDag', () => {
  it('rejects an unknown need at its entry, with a suggestion', () => {
    const text = 'jobs:\n  build: { steps: [x] }\n  test:\n    needs: [biuld]\n    steps: [x]\n';
    expect(diagnose(text)).toEqual(['4:13 ERR_PIPELINE_UNKNOWN_NEEDS']);
    expect(diagnosticsOf(text)[0]).toMatchObject({ message: 'job "test" needs "biuld", which is not a job of this pipeline', suggestions: ['did you mean "build"?'] });
  });

  it('names a cycle in order, at the first job of the cycle', () => {
    const text = ['jobs:', '  c: { needs: [a], steps: [x] }', '  a:', '    needs: [b]', '    steps: [x]', '  b: { needs: [c], steps: [x] }'].join('\n');
    const diagnostics = diagnosticsOf(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual(['2:16 ERR_PIPELINE_NEEDS_CYCLE needs form a cycle: c -> a -> b -> c']);
  });

  it('reports a job that needs itself', () => {
    const [d] = diagnosticsOf('jobs:\n  a: { needs: a, steps: [x] }\n');
    expect(d).toMatchObject({ line: 2, column: 15, code: 'ERR_PIPELINE_NEEDS_CYCLE', message: 'needs form a cycle: a -> a' });
  });

  it('reports a cycle made by a need against stage order', () => {
    const text = ['stages: [one, two]', 'jobs:', '  a: { stage: one, needs: [b], steps: [x] }', '  b: { stage: two, steps: [x] }'].join('\n');
    expect(diagnosticsOf(text).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['3:28 needs form a cycle: a -> b -> a']);
  });

  it('reports two separate cycles once each', () => {
    const text = ['jobs:', '  a: { needs: b, steps: [x] }', '  b: { needs: a, steps: [x] }', '  c: { needs: d, steps: [x] }', '  d: { needs: c, steps: [x] }'].join('\n');
    expect(diagnosticsOf(text).map((d) => d.message)).toEqual(['needs form a cycle: a -> b -> a', 'needs form a cycle: c -> d -> c']);
  });
});
