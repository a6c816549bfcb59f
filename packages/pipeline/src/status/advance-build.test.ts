import { describe, expect, it } from 'vitest';
import { advanceBuild } from './advance-build.js';
import { matrixJobs, needing, planJob, planOf } from './test-plan.js';
import { simulate } from './test-simulate.js';

const chain = () => {
  const a = planJob('a');
  const b = planJob('b', { needs: ['a'], needsKeys: ['a'] });
  const c = planJob('c', { needs: ['b'], needsKeys: ['b'] });
  return [a, b, c];
};

const diamond = (dFields = {}) => [
  planJob('a'),
  planJob('b', { needs: ['a'], needsKeys: ['a'] }),
  planJob('c', { needs: ['a'], needsKeys: ['a'] }),
  planJob('d', { needs: ['b', 'c'], needsKeys: ['b', 'c'], ...dFields }),
];

describe('advanceBuild: chains and diamonds', () => {
  it.each([
    {
      name: 'a chain that succeeds runs every job in order',
      jobs: chain(),
      scenario: {},
      statuses: { a: 'success', b: 'success', c: 'success' },
      build: 'success',
      ran: ['a', 'b', 'c'],
    },
    {
      name: 'a failure in a chain skips what follows',
      jobs: chain(),
      scenario: { outcomes: { b: 'failure' } },
      statuses: { a: 'success', b: 'failure', c: 'skipped' },
      build: 'failure',
      reasons: { c: 'needed job "b" failed' },
    },
    {
      name: 'a failure at the root skips the whole chain, transitively',
      jobs: chain(),
      scenario: { outcomes: { a: 'failure' } },
      statuses: { a: 'failure', b: 'skipped', c: 'skipped' },
      reasons: { b: 'needed job "a" failed', c: 'needed job "a" failed' },
      build: 'failure',
    },
    {
      name: 'a diamond whose side fails skips the join',
      jobs: diamond(),
      scenario: { outcomes: { c: 'failure' } },
      statuses: { a: 'success', b: 'success', c: 'failure', d: 'skipped' },
      build: 'failure',
    },
    {
      name: 'always() runs the join after a failure',
      jobs: diamond({ if: '${{ always() }}' }),
      scenario: { outcomes: { c: 'failure' } },
      statuses: { a: 'success', b: 'success', c: 'failure', d: 'success' },
      build: 'failure',
    },
    {
      name: 'failure() runs only after a failure',
      jobs: diamond({ if: 'failure()' }),
      scenario: { outcomes: { b: 'failure' } },
      statuses: { d: 'success' },
      build: 'failure',
    },
    {
      name: 'failure() is skipped when everything succeeded',
      jobs: diamond({ if: 'failure()' }),
      scenario: {},
      statuses: { a: 'success', b: 'success', c: 'success', d: 'skipped' },
      reasons: { d: 'if: failure() was false' },
      build: 'success',
    },
    {
      name: 'failure() sees a failed ancestor through a job that ran with always()',
      jobs: [
        planJob('a'),
        planJob('b', { needs: ['a'], needsKeys: ['a'], if: 'always()' }),
        planJob('c', { needs: ['b'], needsKeys: ['b'], if: 'failure()' }),
      ],
      scenario: { outcomes: { a: 'failure' } },
      statuses: { a: 'failure', b: 'success', c: 'success' },
      build: 'failure',
    },
    {
      name: 'a failed job with continue-on-error does not fail its dependents or the build',
      jobs: [planJob('a', { continueOnError: true }), planJob('b', { needs: ['a'], needsKeys: ['a'] })],
      scenario: { outcomes: { a: 'failure' } },
      statuses: { a: 'failure', b: 'success' },
      build: 'success',
    },
    {
      name: 'a job skipped by its if skips its dependents, unless they use always()',
      jobs: [
        planJob('a', { if: "ritmo.ref == 'refs/heads/main'" }),
        planJob('b', { needs: ['a'], needsKeys: ['a'] }),
        planJob('c', { needs: ['a'], needsKeys: ['a'], if: 'always()' }),
        planJob('d', { needs: ['a'], needsKeys: ['a'], if: "success() || needs.a.result == 'skipped'" }),
      ],
      scenario: { ctx: { ritmo: { ref: 'refs/heads/dev' } } },
      statuses: { a: 'skipped', b: 'skipped', c: 'success', d: 'success' },
      reasons: { a: "if: ritmo.ref == 'refs/heads/main' was false", b: 'needed job "a" was skipped' },
      build: 'success',
    },
    {
      name: 'an if that reads ritmo runs the job when it holds',
      jobs: [planJob('a'), planJob('deploy', { needs: ['a'], needsKeys: ['a'], if: "${{ ritmo.ref == 'refs/heads/main' }}" })],
      scenario: { ctx: { ritmo: { ref: 'refs/heads/main' } } },
      statuses: { a: 'success', deploy: 'success' },
      build: 'success',
    },
    {
      name: 'an if reads the job’s own plan id as ritmo.job',
      jobs: [planJob('a', { if: "ritmo.job == 'a'" }), planJob('b', { if: "ritmo.job == 'a'" })],
      scenario: { ctx: { ritmo: { ref: 'refs/heads/main' } } },
      statuses: { a: 'success', b: 'skipped' },
      build: 'success',
    },
    {
      name: 'an if that cannot be evaluated fails the job and skips its dependents',
      jobs: [planJob('a', { if: "fromJSON('{')" }), planJob('b', { needs: ['a'], needsKeys: ['a'] })],
      scenario: {},
      statuses: { a: 'failure', b: 'skipped' },
      build: 'failure',
    },
    {
      name: 'dependents read needs outputs and results',
      jobs: [
        planJob('a'),
        planJob('b', { needs: ['a'], needsKeys: ['a'], if: "needs.a.outputs.release == 'yes' && needs.a.result == 'success'" }),
        planJob('c', { needs: ['a'], needsKeys: ['a'], if: "needs.a.outputs.release == 'no'" }),
      ],
      scenario: { outputs: { a: { release: 'yes' } } },
      statuses: { a: 'success', b: 'success', c: 'skipped' },
      build: 'success',
    },
  ])('$name', ({ jobs, scenario, statuses, build, ran, reasons }) => {
    const result = simulate(planOf(jobs), scenario as Parameters<typeof simulate>[1]);
    expect(result.statuses).toMatchObject(statuses);
    expect(result.build).toBe(build);
    if (ran) expect(result.ran).toEqual(ran);
    if (reasons) expect(result.reasons).toMatchObject(reasons);
  });
});

describe('advanceBuild: matrices', () => {
  const testCells = (fields = {}) => matrixJobs('test', 'node', [18, 20, 22], fields);

  it('fail-fast cancels the unfinished siblings of a failed cell and skips dependents', () => {
    const cells = testCells();
    const deploy = planJob('deploy', needing(cells, 'test'));
    const result = simulate(planOf([...cells, deploy]), { outcomes: { 'test-18': 'failure' } });
    expect(result.statuses).toEqual({ 'test-18': 'failure', 'test-20': 'canceled', 'test-22': 'canceled', deploy: 'skipped' });
    expect(result.reasons['test-20']).toBe('fail-fast: "test (node: 18)" failed');
    expect(result.ran).toEqual(['test-18']);
    expect(result.build).toBe('failure');
  });

  it('without fail-fast the other cells finish', () => {
    const cells = testCells({ failFast: false });
    const result = simulate(planOf(cells), { outcomes: { 'test-20': 'failure' } });
    expect(result.statuses).toEqual({ 'test-18': 'success', 'test-20': 'failure', 'test-22': 'success' });
    expect(result.build).toBe('failure');
  });

  it('a failing cell with continue-on-error does not trigger fail-fast', () => {
    const cells = testCells({ continueOnError: true });
    const result = simulate(planOf(cells), { outcomes: { 'test-18': 'failure' } });
    expect(result.statuses).toEqual({ 'test-18': 'failure', 'test-20': 'success', 'test-22': 'success' });
    expect(result.build).toBe('success');
  });

  it('max-parallel holds cells back and releases them as others finish', () => {
    const cells = matrixJobs('test', 'n', [1, 2, 3, 4, 5], { maxParallel: 2, failFast: false });
    const result = simulate(planOf(cells));
    expect(result.peak).toEqual({ test: 2 });
    expect(result.ran).toEqual(['test-1', 'test-2', 'test-3', 'test-4', 'test-5']);
    expect(result.build).toBe('success');
  });

  it('max-parallel counts queued and running cells of the same group only', () => {
    const cells = matrixJobs('test', 'n', [1, 2, 3], { maxParallel: 1 });
    const other = planJob('lint');
    const plan = planOf([...cells, other]);
    expect(advanceBuild(plan, {}, {}).queue).toEqual(['test-1', 'lint']);
    expect(advanceBuild(plan, { 'test-1': { status: 'running' }, lint: { status: 'running' } }, {}).queue).toEqual([]);
    expect(advanceBuild(plan, { 'test-1': { status: 'success' }, lint: { status: 'running' } }, {}).queue).toEqual(['test-2']);
  });

  it('a cell canceled by fail-fast counts as failed for dependents (the build itself was not cancelled)', () => {
    const cells = testCells();
    const after = planJob('after', { ...needing(cells, 'test'), if: "failure() && needs.test.result == 'failure'" });
    const result = simulate(planOf([...cells, after]), { outcomes: { 'test-18': 'failure' } });
    expect(result.statuses.after).toBe('success');
  });

  it('fail-fast cancels cells held back by max-parallel, which then never run', () => {
    const cells = matrixJobs('test', 'n', [1, 2, 3], { maxParallel: 1 });
    const result = simulate(planOf(cells), { outcomes: { 'test-1': 'failure' } });
    expect(result.statuses).toEqual({ 'test-1': 'failure', 'test-2': 'canceled', 'test-3': 'canceled' });
    expect(result.ran).toEqual(['test-1']);
  });

  it('folds the cells of a matrix need into one result with merged outputs', () => {
    const cells = testCells({ failFast: false });
    const report = planJob('report', {
      ...needing(cells, 'test'),
      if: "always() && needs.test.result == 'failure' && needs.test.outputs.last == '22' && needs.test.outputs.only20 == 'x'",
    });
    const result = simulate(planOf([...cells, report]), {
      outcomes: { 'test-20': 'failure' },
      outputs: { 'test-18': { last: '18' }, 'test-20': { last: '20', only20: 'x' }, 'test-22': { last: '22' } },
    });
    expect(result.statuses.report).toBe('success');
  });

  it('exposes the cell matrix values to the job if', () => {
    const cells = matrixJobs('test', 'node', [18, 20], { if: 'matrix.node >= 20' });
    expect(simulate(planOf(cells)).statuses).toEqual({ 'test-18': 'skipped', 'test-20': 'success' });
  });
});

describe('advanceBuild: cancellation', () => {
  it('skips pending jobs unless they ask for always() or cancelled(); failure() does not run', () => {
    const jobs = [
      ...chain(),
      planJob('cleanup', { needs: ['b'], needsKeys: ['b'], if: 'always()' }),
      planJob('on-cancel', { needs: ['b'], needsKeys: ['b'], if: '${{ cancelled() }}' }),
      planJob('on-failure', { needs: ['b'], needsKeys: ['b'], if: 'failure()' }),
    ];
    const result = simulate(planOf(jobs), { cancelAfter: 'a' });
    expect(result.statuses).toEqual({
      a: 'success',
      b: 'skipped',
      c: 'skipped',
      cleanup: 'success',
      'on-cancel': 'success',
      'on-failure': 'skipped',
    });
    expect(result.reasons.b).toBe('build canceled');
    expect(result.build).toBe('canceled');
  });

  it('cancels started jobs, but not those whose if asks for always()', () => {
    const jobs = [
      planJob('a'),
      planJob('b'),
      planJob('keep', { if: 'always()' }),
      planJob('c', { needs: ['a', 'b'], needsKeys: ['a', 'b'] }),
      planJob('on-failure', { needs: ['b'], needsKeys: ['b'], if: 'failure()' }),
      planJob('on-cancel', { needs: ['b'], needsKeys: ['b'], if: "cancelled() && needs.b.result == 'canceled'" }),
    ];
    const result = simulate(planOf(jobs), { cancelAfter: 'a' });
    expect(result.statuses).toEqual({
      a: 'success',
      b: 'canceled',
      keep: 'success',
      c: 'skipped',
      'on-failure': 'skipped',
      'on-cancel': 'success',
    });
    expect(result.reasons.b).toBe('build canceled');
    expect(result.build).toBe('canceled');
  });

  it('cancels queued and waiting jobs directly and keeps repeated calls stable', () => {
    const plan = planOf([planJob('q'), planJob('w'), planJob('r'), planJob('keep', { if: 'always()' }), planJob('done')]);
    const state = {
      q: { status: 'queued' as const },
      w: { status: 'waiting' as const },
      r: { status: 'running' as const },
      keep: { status: 'running' as const },
      done: { status: 'success' as const },
    };
    const first = advanceBuild(plan, state, {}, { cancelled: true });
    expect(first.cancel.map((c) => c.jobId)).toEqual(['q', 'w', 'r']);
    const after = { ...state, q: { status: 'canceled' as const }, w: { status: 'canceled' as const }, r: { status: 'canceled' as const } };
    expect(advanceBuild(plan, after, {}, { cancelled: true })).toEqual({ queue: [], skip: [], cancel: [], fail: [] });
  });
});

describe('advanceBuild: calls', () => {
  it('queues only the jobs without unmet needs at the start', () => {
    const plan = planOf(diamond());
    expect(advanceBuild(plan, {}, {})).toEqual({ queue: ['a'], skip: [], cancel: [], fail: [] });
  });

  it('decides skips in cascade within one call, in any plan order', () => {
    const [a, b, c] = chain();
    const plan = planOf([c!, b!, a!]);
    expect(advanceBuild(plan, { a: { status: 'failure' } }, {})).toEqual({
      queue: [],
      skip: [
        { jobId: 'b', reason: 'needed job "a" failed' },
        { jobId: 'c', reason: 'needed job "a" failed' },
      ],
      cancel: [],
      fail: [],
    });
  });

  it('returns nothing new once its actions are applied', () => {
    const plan = planOf(diamond());
    const state = { a: { status: 'success' as const } };
    const first = advanceBuild(plan, state, {});
    expect(first.queue).toEqual(['b', 'c']);
    const applied = { ...state, b: { status: 'queued' as const }, c: { status: 'queued' as const } };
    expect(advanceBuild(plan, applied, {})).toEqual({ queue: [], skip: [], cancel: [], fail: [] });
  });

  it('does not touch jobs whose needs are unfinished', () => {
    const plan = planOf(diamond({ if: 'always()' }));
    const state = { a: { status: 'success' as const }, b: { status: 'failure' as const }, c: { status: 'running' as const } };
    expect(advanceBuild(plan, state, {})).toEqual({ queue: [], skip: [], cancel: [], fail: [] });
  });

  it('reports the if error as the failure reason', () => {
    const plan = planOf([planJob('a', { if: 'nope.x' })]);
    const { fail } = advanceBuild(plan, {}, {});
    expect(fail).toHaveLength(1);
    expect(fail[0]?.reason).toContain('unknown context "nope"');
  });

  it('passes hashFiles to job conditions', () => {
    const plan = planOf([planJob('a', { if: "hashFiles('x') != ''" })]);
    expect(advanceBuild(plan, {}, {}, { hashFiles: () => 'h' }).queue).toEqual(['a']);
    expect(advanceBuild(plan, {}, {}).fail[0]?.reason).toContain('hashFiles() is not available');
  });
});
