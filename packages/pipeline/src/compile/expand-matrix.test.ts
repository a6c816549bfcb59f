import { describe, expect, it } from 'vitest';
import { expandMatrix, matrixSize } from './expand-matrix.js';
import { diagnose, jobOf, oneJob, planOf } from './test-helpers.js';

describe('expandMatrix', () => {
  it('takes the product in key order', () => {
    expect(expandMatrix({ os: ['linux', 'mac'], node: [18, 20] })).toEqual([
      { os: 'linux', node: 18 },
      { os: 'linux', node: 20 },
      { os: 'mac', node: 18 },
      { os: 'mac', node: 20 },
    ]);
  });

  it('removes combinations matching an exclude entry, partially', () => {
    expect(expandMatrix({ os: ['linux', 'mac'], node: [18, 20], exclude: [{ os: 'mac', node: 18 }, { node: 22 }] })).toEqual([
      { os: 'linux', node: 18 },
      { os: 'linux', node: 20 },
      { os: 'mac', node: 20 },
    ]);
    expect(expandMatrix({ os: ['linux', 'mac'], node: [18, 20], exclude: [{ os: 'mac' }] })).toHaveLength(2);
  });

  it('extends matching combinations with include values and adds the ones that match none (GitHub semantics)', () => {
    const matrix = {
      fruit: ['apple', 'pear'],
      animal: ['cat', 'dog'],
      include: [
        { color: 'green' },
        { color: 'pink', animal: 'cat' },
        { fruit: 'apple', shape: 'circle' },
        { fruit: 'banana' },
        { fruit: 'banana', animal: 'cat' },
      ],
    };
    expect(expandMatrix(matrix)).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
  });

  it('compares object values deeply', () => {
    const linux = { name: 'linux', arch: 'x64' };
    expect(expandMatrix({ os: [linux, { name: 'mac' }], exclude: [{ os: { arch: 'x64', name: 'linux' } }] })).toEqual([{ os: { name: 'mac' } }]);
  });

  it('makes each include its own combination when there are no value lists', () => {
    expect(expandMatrix({ include: [{ a: 1 }, { a: 2, b: 3 }] })).toEqual([{ a: 1 }, { a: 2, b: 3 }]);
  });

  it('computes the size from list lengths and includes', () => {
    expect(matrixSize([3, 4], 2)).toBe(14);
    expect(matrixSize([], 2)).toBe(2);
  });
});

describe('matrix jobs in the plan', () => {
  it('gives cells stable ids, readable names, values and the group', () => {
    const plan = planOf(oneJob('strategy: { matrix: { node: [18, 20], os: [Ubuntu_Linux] } }', 'steps: [x]'));
    expect(plan.jobs.map((j) => [j.id, j.name, j.matrix, j.matrixGroup])).toEqual([
      ['j-18-ubuntu-linux', 'j (node: 18, os: Ubuntu_Linux)', { node: 18, os: 'Ubuntu_Linux' }, 'j'],
      ['j-20-ubuntu-linux', 'j (node: 20, os: Ubuntu_Linux)', { node: 20, os: 'Ubuntu_Linux' }, 'j'],
    ]);
  });

  it('interpolates matrix values into name: instead of appending them', () => {
    const plan = planOf(oneJob('name: "Test on ${{ matrix.os }} / ${{ matrix.node }}"', 'strategy: { matrix: { node: [20], os: [linux] } }', 'steps: [x]'));
    expect(plan.jobs[0]?.name).toBe('Test on linux / 20');
  });

  it('substitutes matrix references in runs-on, image, services, env and steps, but not in if', () => {
    const plan = planOf(
      oneJob(
        'strategy: { matrix: { os: [linux], node: [20], db: [{ image: "postgres:16", port: 5432 }] } }',
        'runs-on: ["${{ matrix.os }}", big]',
        'image: node:${{ matrix.node }}-alpine',
        "services: { db: { image: \"${{ matrix.db.image }}\", env: { P: \"${{ matrix['db'].port }}\" } } }",
        'env: { NODE: "${{ matrix.node }}", OTHER: "${{ matrix.node == 20 && ritmo.ref }}" }',
        "if: ${{ matrix.os == 'linux' }}",
        'steps:',
        '  - run: echo ${{ matrix.node }} ${{ env.X }}',
        '    env: { OS: "${{ MATRIX.OS }}" }',
      ),
    );
    const job = jobOf(plan, 'j-linux-20-postgres-16-5432');
    expect(job).toMatchObject({
      runsOn: ['linux', 'big'],
      image: 'node:20-alpine',
      services: [{ name: 'db', image: 'postgres:16', env: { P: '5432' } }],
      env: { NODE: '20', OTHER: '${{ matrix.node == 20 && ritmo.ref }}' },
      if: "${{ matrix.os == 'linux' }}",
    });
    expect(job.steps[0]).toMatchObject({ run: 'echo 20 ${{ env.X }}', env: { OS: 'linux' } });
  });

  it('appends -2, -3 to ids that would collide', () => {
    const text = ['jobs:', '  t-1: { steps: [x] }', '  t:', '    strategy: { matrix: { v: ["1", "1 ", 1] } }', '    steps: [x]'].join('\n');
    expect(planOf(text).jobs.map((j) => j.id)).toEqual(['t-1', 't-1-2', 't-1-3', 't-1-4']);
  });

  it('keeps fail-fast and max-parallel on every cell', () => {
    const plan = planOf(oneJob('strategy: { matrix: { a: [1, 2] }, fail-fast: false, max-parallel: 1 }', 'steps: [x]'));
    expect(plan.jobs.map((j) => [j.failFast, j.maxParallel])).toEqual([
      [false, 1],
      [false, 1],
    ]);
  });

  it('rejects a matrix that excludes every combination', () => {
    expect(diagnose(oneJob('strategy: { matrix: { a: [1], exclude: [{ a: 1 }] } }', 'steps: [x]'))).toEqual(['3:25 ERR_PIPELINE_INVALID_VALUE']);
  });
});
