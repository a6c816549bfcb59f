import { describe, expect, it } from 'vitest';
import { evaluateCondition, unwrapCondition } from './evaluate-condition.js';
import type { ExpressionContext, StatusContext } from './expression-context.js';

const ctx: ExpressionContext = { ritmo: { ref: 'refs/heads/main', event: 'push' }, env: { EMPTY: '' } };
const ok: StatusContext = { failed: false, cancelled: false };
const failed: StatusContext = { failed: true, cancelled: false };
const cancelled: StatusContext = { failed: false, cancelled: true };

describe('evaluateCondition', () => {
  it.each([
    // [condition, ok, failed, cancelled]
    [undefined, true, false, false],
    ['', true, false, false],
    ['${{ }}', true, false, false],
    ["ritmo.ref == 'refs/heads/main'", true, false, false],
    ["${{ ritmo.ref == 'refs/heads/main' }}", true, false, false],
    ["  ${{ ritmo.event == 'tag' }}  ", false, false, false],
    ['env.EMPTY', false, false, false],
    ['always()', true, true, true],
    ['${{ always() }}', true, true, true],
    ['failure()', false, true, false],
    ['cancelled()', false, false, true],
    ['success()', true, false, false],
    ['!cancelled()', true, true, false],
    ["failure() && ritmo.ref == 'refs/heads/main'", false, true, false],
    ["always() && ritmo.event == 'tag'", false, false, false],
    ['success() || failure()', true, true, false],
    ['ALWAYS()', true, true, true],
  ])('%s -> ok:%s failed:%s cancelled:%s', (condition, whenOk, whenFailed, whenCancelled) => {
    expect(evaluateCondition(condition, ctx, { status: ok })).toBe(whenOk);
    expect(evaluateCondition(condition, ctx, { status: failed })).toBe(whenFailed);
    expect(evaluateCondition(condition, ctx, { status: cancelled })).toBe(whenCancelled);
  });

  it('treats a skipped need as neither success nor failure', () => {
    const skipped = { status: { failed: false, cancelled: false, skipped: true } };
    expect(evaluateCondition(undefined, ctx, skipped)).toBe(false);
    expect(evaluateCondition("ritmo.event == 'push'", ctx, skipped)).toBe(false);
    expect(evaluateCondition('success()', ctx, skipped)).toBe(false);
    expect(evaluateCondition('failure()', ctx, skipped)).toBe(false);
    expect(evaluateCondition("always() && ritmo.event == 'push'", ctx, skipped)).toBe(true);
  });

  it('does not treat a context key named like a status function as a call', () => {
    const withKey: ExpressionContext = { env: { always: 'x' } };
    expect(evaluateCondition('env.always', withKey, { status: failed })).toBe(false);
    expect(evaluateCondition("contains('always()', 'x')", withKey, { status: failed })).toBe(false);
  });

  it('does not evaluate the expression when the implicit success() is false', () => {
    expect(evaluateCondition('nope()', ctx, { status: failed })).toBe(false);
    expect(() => evaluateCondition('nope()', ctx, { status: ok })).toThrow(/unknown function/);
  });

  it('passes hashFiles through', () => {
    const options = { status: ok, hashFiles: () => 'abc' };
    expect(evaluateCondition("hashFiles('x') == 'ABC'", ctx, options)).toBe(true);
  });

  it('rejects conditions that mix text and expressions', () => {
    expect(() => evaluateCondition("${{ ritmo.ref }} == 'x'", ctx, { status: ok })).toThrow(/mixes text/);
    expect(() => unwrapCondition('${{ a }}${{ b }}')).toThrow(/mixes text/);
    expect(() => unwrapCondition('${{ a ')).toThrow(/mixes text/);
  });

  it('unwraps ${{ }} and leaves bare expressions alone', () => {
    expect(unwrapCondition("${{ '}}' == x }}")).toBe(" '}}' == x ");
    expect(unwrapCondition('a == b')).toBe('a == b');
    expect(unwrapCondition('  ')).toBeUndefined();
  });
});
