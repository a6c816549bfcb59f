import { describe, expect, it } from 'vitest';
import { checkTemplate, scanTemplate } from './check-template.js';

const ALL = ['ritmo', 'env', 'matrix', 'inputs', 'secrets', 'needs', 'job', 'steps'];

describe('scanTemplate', () => {
  it('splits literals and expressions with offsets', () => {
    const text = 'a ${{ ritmo.ref }} b${{x}}';
    expect(scanTemplate(text)).toEqual([
      { kind: 'literal', text: 'a ', offset: 0 },
      { kind: 'expression', source: ' ritmo.ref ', offset: 2, sourceOffset: 5, end: 18, terminated: true },
      { kind: 'literal', text: ' b', offset: 18 },
      { kind: 'expression', source: 'x', offset: 20, sourceOffset: 23, end: 26, terminated: true },
    ]);
  });

  it('does not close an expression on }} inside a string literal', () => {
    const segments = scanTemplate("${{ format('}}{0}', 'it''s }}') }}!");
    expect(segments[0]).toMatchObject({ kind: 'expression', source: " format('}}{0}', 'it''s }}') " });
    expect(segments[1]).toEqual({ kind: 'literal', text: '!', offset: 34 });
  });

  it('marks an expression without a closing }} as unterminated', () => {
    expect(scanTemplate('echo ${{ ritmo.ref')).toEqual([
      { kind: 'literal', text: 'echo ', offset: 0 },
      { kind: 'expression', source: ' ritmo.ref', offset: 5, sourceOffset: 8, end: 18, terminated: false },
    ]);
  });

  it('returns plain text as one literal and empty text as nothing', () => {
    expect(scanTemplate('no braces } here')).toEqual([{ kind: 'literal', text: 'no braces } here', offset: 0 }]);
    expect(scanTemplate('')).toEqual([]);
  });
});

describe('checkTemplate', () => {
  it('accepts valid expressions, built-in and Ritmo functions', () => {
    const text = [
      "${{ contains(ritmo.ref, 'main') && startsWith(env.A, 'x') }}",
      "${{ format('{0}-{1}', matrix.os, hashFiles('a', 'b')) }}",
      '${{ success() || failure() || always() || cancelled() }}',
      "${{ toJSON(fromJSON('[1]')) }} ${{ join(needs.*.result, ',') }} ${{ steps.my-step.outputs.x }}",
      '${{ SUCCESS() && Ritmo.REF }}',
    ].join(' ');
    expect(checkTemplate(text, ALL)).toEqual([]);
  });

  it('reports an unknown context with its offset and a suggestion', () => {
    const text = 'echo ${{ ritmoo.ref }}';
    expect(checkTemplate(text, ALL)).toEqual([
      { message: expect.stringContaining('unknown context "ritmoo"'), offset: 9, code: 'ERR_PIPELINE_EXPRESSION_CONTEXT' },
    ]);
    expect(checkTemplate(text, ALL)[0]?.message).toContain('did you mean "ritmo"?');
  });

  it('reports a context that exists but is not allowed in this place', () => {
    const problems = checkTemplate('${{ secrets.TOKEN }}', ['ritmo', 'env']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('unknown context "secrets" (available here: ritmo, env)');
    expect(problems[0]?.offset).toBe(4);
  });

  it('reports unknown functions and wrong argument counts', () => {
    const text = "${{ startWith(ritmo.ref, 'v') }} ${{ success(1) }} ${{ hashFiles() }}";
    const problems = checkTemplate(text, ALL);
    expect(problems.map((p) => p.offset)).toEqual([4, 37, 55]);
    expect(problems[0]?.message).toBe('unknown function "startWith()"; did you mean "startsWith()"?');
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['ERR_PIPELINE_EXPRESSION_FUNCTION']));
    expect(problems[1]?.message).toMatch(/too many parameters/i);
    expect(problems[2]?.message).toMatch(/too few parameters/i);
  });

  it('reports syntax errors at the right place, also on later lines', () => {
    expect(checkTemplate('x ${{ ritmo.ref == }}', ALL)).toEqual([
      { message: expect.stringMatching(/unexpected end of expression/i), offset: 16, code: 'ERR_PIPELINE_EXPRESSION_SYNTAX' },
    ]);
    const multi = checkTemplate('${{ ritmo.ref ==\n  = 1 }}', ALL);
    expect(multi).toHaveLength(1);
    expect(multi[0]?.offset).toBe(19);
  });

  it('reports unterminated and empty expressions', () => {
    expect(checkTemplate('a ${{ ritmo.ref', ALL)).toEqual([
      { message: 'unterminated expression: "${{" without a closing "}}"', offset: 2, code: 'ERR_PIPELINE_EXPRESSION_SYNTAX' },
    ]);
    expect(checkTemplate("a ${{ 'abc }}", ALL)).toEqual([
      { message: 'unterminated expression: "${{" without a closing "}}"', offset: 2, code: 'ERR_PIPELINE_EXPRESSION_SYNTAX' },
    ]);
    expect(checkTemplate('a ${{   }}', ALL)).toEqual([{ message: 'empty expression', offset: 2, code: 'ERR_PIPELINE_EXPRESSION_SYNTAX' }]);
  });

  it('reports lexer errors such as a single = or &', () => {
    const problems = checkTemplate('${{ ritmo.ref = 1 }} ${{ a & b }}', ALL);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toEqual({ message: "unexpected symbol '='", offset: 14, code: 'ERR_PIPELINE_EXPRESSION_SYNTAX' });
    expect(problems[1]?.offset).toBe(27);
  });

  it('reports every expression in the text, not just the first', () => {
    expect(checkTemplate('${{ a }} ${{ b }} ${{ ritmo }}', ALL)).toHaveLength(2);
  });

  it('reports overlong expressions and deep nesting', () => {
    expect(checkTemplate(`\${{ ${'1 == '.repeat(6000)}1 }}`, ALL)[0]?.message).toMatch(/longer than the limit/);
    expect(checkTemplate(`\${{ ${'('.repeat(60)}1${')'.repeat(60)} }}`, ALL)[0]?.message).toMatch(/depth/i);
  });
});
