import { describe, expect, it } from 'vitest';
import { isRitmoError } from '@ritmo/shared';
import { evaluateExpression, type ExpressionContext } from './evaluate-expression.js';

const ctx: ExpressionContext = {
  ritmo: { event: 'push', ref: 'refs/heads/main', branch: 'main', sha: 'abc123', build_number: 7, project: 'web' },
  env: { NODE_ENV: 'test', EMPTY: '' },
  matrix: { node: 20, os: 'linux', flags: ['a', 'b'] },
  inputs: { target: 'staging', dry: true, count: 3 },
  secrets: { TOKEN: 's3cr3t' },
  needs: {
    build: { result: 'success', outputs: { version: '1.2.3' } },
    lint: { result: 'failure', outputs: {} },
  },
  steps: { 'my-step': { outcome: 'success', conclusion: 'success', outputs: { x: 'y' } } },
};

function evaluate(source: string, options = {}): unknown {
  return evaluateExpression(source, ctx, options);
}

function failure(source: string, options = {}): Error {
  try {
    evaluateExpression(source, ctx, options);
  } catch (e: unknown) {
    if (isRitmoError(e, 'ERR_PIPELINE_EXPRESSION')) return e;
    throw e;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('evaluateExpression', () => {
  it.each([
    ['ritmo.ref', 'refs/heads/main'],
    ['ritmo.build_number', 7],
    ["ritmo['ref']", 'refs/heads/main'],
    ['RITMO.REF', 'refs/heads/main'],
    ['env.node_env', 'test'],
    ['matrix.node', 20],
    ['matrix.flags[1]', 'b'],
    ['matrix.flags[5]', null],
    ['inputs.dry', true],
    ['secrets.TOKEN', 's3cr3t'],
    ['needs.build.outputs.version', '1.2.3'],
    ['needs.*.result', ['success', 'failure']],
    ['steps.my-step.outputs.x', 'y'],
    ['steps.missing.outputs.x', null],
    ['job', {}],
    ['strategy.fail-fast', null],
  ])('reads %s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  it.each([
    ["ritmo.ref == 'REFS/HEADS/MAIN'", true],
    ["'abc' != 'ABC'", false],
    ["matrix.node == '20'", true],
    ['matrix.node > 18 && matrix.node <= 20', true],
    ['inputs.count == 3.0', true],
    ['null == 0', true],
    ["'' == false", true],
    ["env.EMPTY || 'fallback'", 'fallback'],
    ["env.NODE_ENV && 'yes'", 'yes'],
    ['!env.EMPTY', true],
    ["contains(ritmo.ref, 'HEADS')", true],
    ["contains(matrix.flags, 'B')", true],
    ["startsWith(ritmo.ref, 'refs/heads/')", true],
    ["endsWith(ritmo.ref, '/MAIN')", true],
    ["format('{0}-{1} {{x}}', matrix.os, matrix.node)", 'linux-20 {x}'],
    ["join(matrix.flags, '+')", 'a+b'],
    ['join(matrix.flags)', 'a,b'],
    ["fromJSON('{\"a\":[1,true,null]}')", { a: [1, true, null] }],
    ["fromJSON('3') + 0", undefined],
    ["toJSON(matrix.flags)", '[\n  "a",\n  "b"\n]'],
    ["'it''s ''quoted'''", "it's 'quoted'"],
    ['1.5', 1.5],
    ['0xff', 255],
  ])('evaluates %s', (source, expected) => {
    if (expected === undefined) expect(() => evaluate(source)).toThrow();
    else expect(evaluate(source)).toEqual(expected);
  });

  it('implements the status functions from the status context', () => {
    expect(evaluate('success()')).toBe(true);
    expect(evaluate('failure()')).toBe(false);
    const failed = { status: { failed: true, cancelled: false } };
    expect(evaluate('success()', failed)).toBe(false);
    expect(evaluate('failure()', failed)).toBe(true);
    expect(evaluate('always()', failed)).toBe(true);
    const cancelled = { status: { failed: false, cancelled: true } };
    expect(evaluate('success()', cancelled)).toBe(false);
    expect(evaluate('cancelled()', cancelled)).toBe(true);
    expect(evaluate('Cancelled()', cancelled)).toBe(true);
  });

  it('calls the given hashFiles and fails clearly without one', () => {
    const seen: string[][] = [];
    const hashFiles = (patterns: string[]): string => {
      seen.push(patterns);
      return 'h4sh';
    };
    expect(evaluate("format('npm-{0}', hashFiles('package-lock.json', '**/x'))", { hashFiles })).toBe('npm-h4sh');
    expect(seen).toEqual([['package-lock.json', '**/x']]);
    expect(failure("hashFiles('a')").message).toMatch(/hashFiles\(\) is not available here/);
  });

  it('reads nothing outside the given data', () => {
    for (const source of [
      'ritmo.toString',
      'ritmo.__proto__',
      "ritmo['__proto__']",
      'ritmo.constructor',
      'env.hasOwnProperty',
      'matrix.flags.length',
      "fromJSON('{}').constructor",
      'inputs.valueOf',
    ]) {
      expect(evaluate(source), source).toBeNull();
    }
  });

  it('keeps keys named like prototype members as data', () => {
    const odd = JSON.parse('{"__proto__": "p", "constructor": "c"}') as Record<string, string>;
    expect(evaluateExpression('env.__proto__', { env: odd })).toBe('p');
    expect(evaluateExpression('env.constructor', { env: odd })).toBe('c');
    expect(evaluateExpression('env', { env: odd })).toEqual(odd);
    const parsed = evaluate('fromJSON(\'{"__proto__": {"x": 1}}\')') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(evaluate('fromJSON(\'{"__proto__": {"x": 1}}\').__proto__.x')).toBe(1);
  });

  it('turns every failure into ERR_PIPELINE_EXPRESSION naming the expression', () => {
    expect(failure('ritmo.ref ==').message).toMatch(/^\$\{\{ ritmo\.ref == \}\}: unexpected end of expression/i);
    expect(failure('nope.x').message).toContain('unknown context "nope"');
    expect(failure('nope()').message).toContain('unknown function "nope()"');
    expect(failure("format('{1}', 'a')").message).toContain('references more arguments');
    expect(failure("fromJSON('{bad')").message).toContain('fromJSON() could not parse {bad');
    expect(failure("fromJSON('')").message).toContain('empty string');
    expect(failure('').message).toContain('empty expression');
    expect(failure(`'${'x'.repeat(21000)}'`).message).toMatch(/longer than the limit/);
  });

  it('evaluates nested fromJSON data, and rejects data too deep for the stack with the expression error', () => {
    expect(evaluate(`toJSON(fromJSON('${'['.repeat(50)}${']'.repeat(50)}'))`)).toMatch(/^\[\n {2}\[\n {4}\[/);
    const deep = `toJSON(fromJSON('${'['.repeat(10000)}${']'.repeat(10000)}'))`;
    let outcome: unknown;
    try {
      outcome = evaluate(deep);
    } catch (e: unknown) {
      outcome = e;
    }
    if (typeof outcome !== 'string') expect(isRitmoError(outcome, 'ERR_PIPELINE_EXPRESSION')).toBe(true);
  });
});
