import { describe, expect, it } from 'vitest';
import { renderScript } from './render-script.js';
import type { ExpressionContext } from './expression-context.js';

const hostile = ['"; rm -rf / #', '$(touch x)', '`touch y`', "'; touch z; '", '${HOME}', 'a\nb', '*'];

describe('renderScript', () => {
  it('replaces each expression by a variable reference and returns the values in env', () => {
    const ctx: ExpressionContext = { ritmo: { branch: 'main', build_number: 4 }, matrix: { node: 20 } };
    const out = renderScript('echo ${{ ritmo.branch }} #${{ ritmo.build_number }}\nnode${{matrix.node}}', ctx);
    expect(out.script).toBe('echo ${RITMO_EXPR_1} #${RITMO_EXPR_2}\nnode${RITMO_EXPR_3}');
    expect(out.env).toEqual({ RITMO_EXPR_1: 'main', RITMO_EXPR_2: '4', RITMO_EXPR_3: '20' });
  });

  it.each(hostile)('never splices the untrusted value %j into the script', (value) => {
    const ctx: ExpressionContext = { ritmo: { branch: value }, inputs: { title: value } };
    const template = [
      'echo ${{ ritmo.branch }}',
      'echo "branch: ${{ ritmo.branch }}"',
      "echo 'title: ${{ inputs.title }}'",
      "printf $'x\\n${{ inputs.title }}'",
      'git push origin HEAD:${{ format(\'{0}-x\', ritmo.branch) }}',
    ].join('\n');
    const { script, env } = renderScript(template, ctx);
    expect(script).toBe(
      [
        'echo ${RITMO_EXPR_1}',
        'echo "branch: ${RITMO_EXPR_2}"',
        `echo 'title: '"\${RITMO_EXPR_3}"''`,
        `printf $'x\\n'"\${RITMO_EXPR_4}"$''`,
        'git push origin HEAD:${RITMO_EXPR_5}',
      ].join('\n'),
    );
    expect(env).toEqual({
      RITMO_EXPR_1: value,
      RITMO_EXPR_2: value,
      RITMO_EXPR_3: value,
      RITMO_EXPR_4: value,
      RITMO_EXPR_5: `${value}-x`,
    });
  });

  it('tracks quotes across lines, escapes and comments', () => {
    const ctx: ExpressionContext = { env: { V: 'v' } };
    const cases: [string, string][] = [
      ["echo 'multi\nline ${{ env.V }}'", `echo 'multi\nline '"\${RITMO_EXPR_1}"''`],
      ["echo \\' ${{ env.V }}", 'echo \\\' ${RITMO_EXPR_1}'],
      ["# don't worry\necho ${{ env.V }}", "# don't worry\necho ${RITMO_EXPR_1}"],
      ["echo a#b'c' ${{ env.V }}", "echo a#b'c' ${RITMO_EXPR_1}"],
      ['echo "it\'s \\" ${{ env.V }}"', 'echo "it\'s \\" ${RITMO_EXPR_1}"'],
      ["echo '${{ env.V }}${{ env.V }}'", `echo ''"\${RITMO_EXPR_1}"''"\${RITMO_EXPR_2}"''`],
    ];
    for (const [template, expected] of cases) expect(renderScript(template, ctx).script, template).toBe(expected);
  });

  it('writes values as text the way interpolation does', () => {
    const ctx: ExpressionContext = { matrix: { list: ['a'], flag: false } };
    const { env } = renderScript('x ${{ matrix.list }} ${{ matrix.flag }} ${{ matrix.none }}', ctx);
    expect(env).toEqual({ RITMO_EXPR_1: '[\n  "a"\n]', RITMO_EXPR_2: 'false', RITMO_EXPR_3: '' });
  });

  it('returns a script without expressions unchanged with no env', () => {
    expect(renderScript('echo "$HOME" ${PATH}', {})).toEqual({ script: 'echo "$HOME" ${PATH}', env: {} });
  });

  it('fails on bad or unterminated expressions', () => {
    expect(() => renderScript('echo ${{ nope }}', {})).toThrow(/unknown context/);
    expect(() => renderScript('echo ${{ env.X', {})).toThrow(/unterminated expression/);
  });
});
