import { describe, expect, it } from 'vitest';
import { diagnose, diagnosticsOf, oneJob, planOf } from './test-helpers.js';

const jobs = (n: number) => 'jobs:\n' + Array.from({ length: n }, (_, i) => `  j${i}: { steps: [x] }`).join('\n') + '\n';

describe('checkLimits', () => {
  it('allows 1,000 jobs and rejects 1,001 at the jobs key', () => {
    expect(planOf(jobs(1000)).jobs).toHaveLength(1000);
    expect(diagnose(jobs(1001))).toEqual(['1:1 ERR_PIPELINE_LIMIT_JOBS']);
  });

  it('counts matrix combinations toward the jobs limit before expanding', () => {
    const text = ['jobs:', ...Array.from({ length: 4 }, (_, i) => `  m${i}: { strategy: { matrix: { a: [${Array.from({ length: 251 }, (_, k) => k).join(',')}] } }, steps: [x] }`)].join('\n');
    const [d] = diagnosticsOf(text);
    expect(d).toMatchObject({ line: 1, column: 1, code: 'ERR_PIPELINE_LIMIT_JOBS', message: 'the build would have 1004 jobs after matrix expansion, over the limit of 1000' });
  });

  it('allows a 256-combination matrix and rejects 257 (product plus includes) at the matrix', () => {
    const values = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`;
    expect(planOf(oneJob(`strategy: { matrix: { a: ${values(16)}, b: ${values(16)} } }`, 'steps: [x]')).jobs).toHaveLength(256);
    const over = oneJob('strategy:', `  matrix: { a: ${values(16)}, b: ${values(16)}, include: [{ a: 99 }] }`, 'steps: [x]');
    expect(diagnose(over)).toEqual(['4:15 ERR_PIPELINE_LIMIT_MATRIX']);
    expect(diagnosticsOf(over)[0]?.message).toBe('matrix of job "j" has 257 combinations, over the limit of 256');
  });

  it('rejects a huge matrix from its list lengths without expanding it', () => {
    const values = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
    const text = oneJob(`strategy: { matrix: { a: ${values}, b: ${values}, c: ${values}, d: ${values}, e: ${values} } }`, 'steps: [x]');
    expect(diagnosticsOf(text)[0]?.message).toBe('matrix of job "j" has 10000000000 combinations, over the limit of 256');
  });

  it('allows 100 needs and rejects 101 at the needs list', () => {
    const many = (n: number) => jobs(n) + `  last:\n    needs: [${Array.from({ length: n }, (_, i) => `j${i}`).join(', ')}]\n    steps: [x]\n`;
    expect(planOf(many(100)).jobs.at(-1)?.needs).toHaveLength(100);
    expect(diagnose(many(101))).toEqual(['104:12 ERR_PIPELINE_LIMIT_NEEDS']);
  });

  it('rejects job keys and names over 255 characters', () => {
    const key = 'k'.repeat(256);
    expect(diagnose(`jobs:\n  ${key}: { steps: [x] }\n`)).toEqual(['2:3 ERR_PIPELINE_LIMIT_JOB_NAME']);
    expect(diagnose(oneJob(`name: ${'n'.repeat(256)}`, 'steps: [x]'))).toEqual(['3:11 ERR_PIPELINE_LIMIT_JOB_NAME']);
    expect(planOf(oneJob(`name: ${'n'.repeat(255)}`, 'steps: [x]')).jobs[0]?.name).toHaveLength(255);
  });

  it('checks names again after matrix values are interpolated', () => {
    const text = oneJob('name: "${{ matrix.long }}"', `strategy: { matrix: { long: [${'x'.repeat(300)}] } }`, 'steps: [x]');
    expect(diagnose(text)).toEqual(['3:11 ERR_PIPELINE_LIMIT_JOB_NAME']);
  });

  it('takes configured limits', () => {
    const limits = { maxJobs: 2, maxMatrix: 2, maxNeeds: 1, maxJobNameLength: 3 };
    expect(diagnose(jobs(3), { limits })).toEqual(['1:1 ERR_PIPELINE_LIMIT_JOBS']);
    expect(diagnose(oneJob('strategy: { matrix: { a: [1, 2, 3] } }', 'steps: [x]'), { limits })).toEqual(['3:25 ERR_PIPELINE_LIMIT_MATRIX']);
    expect(diagnose('jobs:\n  a: { steps: [x] }\n  b: { needs: [a, a], steps: [x] }\n', { limits })).toEqual(['3:15 ERR_PIPELINE_LIMIT_NEEDS']);
    expect(diagnose('jobs:\n  abcd: { steps: [x] }\n', { limits })).toEqual(['2:3 ERR_PIPELINE_LIMIT_JOB_NAME']);
    expect(diagnose('a: [[[1]]]\n', { limits: { maxDepth: 3 } })).toEqual(['1:6 ERR_PIPELINE_LIMIT_DEPTH']);
    expect(diagnose('a: &a 1\nb: [*a, *a]\n', { limits: { maxAliases: 1 } })).toEqual(['2:9 ERR_PIPELINE_LIMIT_ALIASES']);
    expect(diagnose('jobs: {}\n', { limits: { maxFileBytes: 5 } })).toEqual(['1:1 ERR_PIPELINE_LIMIT_FILE_SIZE']);
  });
});
