import { describe, expect, it } from 'vitest';
import { diagnose, diagnosticsOf, oneJob, planOf } from './test-helpers.js';

const STEP = 'steps: [x]';

describe('checkExpressions', () => {
  it.each<[string, string, string[]]>([
    ['a syntax error at its column', oneJob('env: { A: "x ${{ 1 + }}" }', STEP), ['3:24 ERR_PIPELINE_EXPRESSION_SYNTAX']],
    ['an unterminated expression', oneJob('steps: ["echo ${{ ritmo.ref"]'), ['3:19 ERR_PIPELINE_EXPRESSION_SYNTAX']],
    ['an unknown function', oneJob('steps: ["echo ${{ nope(1) }}"]'), ['3:23 ERR_PIPELINE_EXPRESSION_FUNCTION']],
    ['an unknown context', oneJob('steps: ["echo ${{ ritmoo.ref }}"]'), ['3:23 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['matrix in a job without one', oneJob('image: "node:${{ matrix.node }}"', STEP), ['3:22 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['an unknown matrix key', oneJob('strategy: { matrix: { node: [1] } }', 'image: "node:${{ matrix.nod }}"', STEP), ['4:22 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['needs in a job without needs', oneJob('env: { A: "${{ needs.a.outputs.x }}" }', STEP), ['3:20 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['steps outside steps and outputs', oneJob('env: { A: "${{ steps.a.outputs.x }}" }', STEP), ['3:20 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['secrets in runs-on', oneJob('runs-on: "${{ secrets.X }}"', STEP), ['3:19 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['secrets in name', oneJob('name: "${{ secrets.X }}"', STEP), ['3:16 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['secrets in image', oneJob('image: "${{ secrets.X }}"', STEP), ['3:17 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['expressions in on: filters', 'on: { push: { branches: ["${{ ritmo.ref }}"] } }\n' + oneJob(STEP), ['1:31 ERR_PIPELINE_EXPRESSION_CONTEXT']],
    ['a bare if with a syntax error', oneJob('if: success( &&', STEP), ['3:18 ERR_PIPELINE_EXPRESSION_SYNTAX']],
    ['a job if mixing text and an expression', oneJob('if: "${{ ritmo.branch }} == main"', STEP), ['3:10 ERR_PIPELINE_EXPRESSION_SYNTAX']],
    ['a step if mixing text and an expression', oneJob('steps:', '  - run: x', '    if: ok ${{ always() }}'), ['5:13 ERR_PIPELINE_EXPRESSION_SYNTAX']],
    ['a step if with an unknown context', oneJob('steps:', '  - run: x', '    if: github.ref == 1'), ['5:13 ERR_PIPELINE_EXPRESSION_CONTEXT']],
  ])('reports %s', (_, text, expected) => {
    expect(diagnose(text)).toEqual(expected);
  });

  it('points into literal block scalars at the exact line and column', () => {
    const text = oneJob('steps:', '  - run: |', '      echo start', '      echo ${{ nope() }}');
    expect(diagnose(text)).toEqual(['6:20 ERR_PIPELINE_EXPRESSION_FUNCTION']);
  });

  it('points at the start of folded block scalars', () => {
    const text = oneJob('steps:', '  - run: >', '      echo start', '      echo ${{ nope() }}');
    expect(diagnose(text)).toEqual(['4:14 ERR_PIPELINE_EXPRESSION_FUNCTION']);
  });

  it('allows each context where it is available', () => {
    const text = [
      'name: "ci ${{ inputs.target }}"',
      'env: { TOKEN: "${{ secrets.T }}", REF: "${{ ritmo.ref }}" }',
      'jobs:',
      '  a:',
      '    outputs: { v: "${{ steps.s.outputs.v }}" }',
      '    steps: [{ id: s, run: "echo ${{ env.TOKEN }}" }]',
      '  b:',
      '    needs: a',
      '    strategy: { matrix: { os: [linux], include: [{ os: linux, extra: 1 }] } }',
      '    runs-on: "${{ matrix.os }}"',
      '    if: needs.a.result == \'success\' && always()',
      '    env: { V: "${{ needs.a.outputs.v }}", E: "${{ matrix.extra }}", S: "${{ secrets.S }}" }',
      '    steps:',
      '      - run: echo ${{ steps.x.outputs.y }} ${{ job.status }} ${{ strategy.fail-fast }}',
      '        if: ${{ success() }}',
    ].join('\n');
    expect(planOf(text).jobs).toHaveLength(2);
  });

  it('allows needs in jobs that get needs from stages only', () => {
    const text = ['stages: [one, two]', 'jobs:', '  a: { stage: one, steps: [x] }', '  b: { stage: two, env: { V: "${{ needs.a.outputs.v }}" }, steps: [x] }'].join('\n');
    expect(diagnose(text)).toEqual([]);
    const first = ['stages: [one, two]', 'jobs:', '  a: { stage: one, env: { V: "${{ needs.b.outputs.v }}" }, steps: [x] }', '  b: { stage: two, steps: [x] }'].join('\n');
    expect(diagnose(first)).toEqual(['3:35 ERR_PIPELINE_EXPRESSION_CONTEXT']);
  });

  it('suggests the matrix key that was meant', () => {
    const [d] = diagnosticsOf(oneJob('strategy: { matrix: { node: [1] } }', 'image: "node:${{ matrix.nod }}"', STEP));
    expect(d).toMatchObject({ suggestions: ['did you mean "node"?'], path: 'jobs.j.image' });
  });

  it('checks expressions even when the schema found other problems', () => {
    expect(diagnose(oneJob('runs_on: x', 'steps: ["${{ nope() }}"]'))).toEqual(['3:5 ERR_PIPELINE_UNKNOWN_KEY', '4:18 ERR_PIPELINE_EXPRESSION_FUNCTION']);
  });
});
