import { describe, expect, it } from 'vitest';
import { isRitmoError } from '@ritmo/shared';
import { interpolate } from './interpolate.js';
import type { ExpressionContext } from './expression-context.js';

const ctx: ExpressionContext = {
  ritmo: { ref: 'refs/heads/main', build_number: 12 },
  matrix: { node: 20, ratio: 0.1 + 0.2, list: [1, 'a'], obj: { k: 'v' } },
  inputs: { dry: false },
};

describe('interpolate', () => {
  it('replaces each expression and keeps the text around it', () => {
    expect(interpolate('ci-${{ ritmo.ref }}-#${{ritmo.build_number}}!', ctx)).toBe('ci-refs/heads/main-#12!');
  });

  it('coerces values like GitHub Actions', () => {
    expect(interpolate('[${{ ritmo.missing }}]', ctx)).toBe('[]');
    expect(interpolate('${{ inputs.dry }}/${{ !inputs.dry }}', ctx)).toBe('false/true');
    expect(interpolate('${{ matrix.node }} ${{ matrix.ratio }}', ctx)).toBe('20 0.3');
    expect(interpolate('${{ matrix.list }}', ctx)).toBe('[\n  1,\n  "a"\n]');
    expect(interpolate('${{ matrix.obj }}', ctx)).toBe('{\n  "k": "v"\n}');
  });

  it('returns text without expressions unchanged', () => {
    expect(interpolate('plain $HOME ${ x } {{ y }}', ctx)).toBe('plain $HOME ${ x } {{ y }}');
  });

  it('handles }} inside string literals', () => {
    expect(interpolate("a${{ '}}' }}b", ctx)).toBe('a}}b');
  });

  it('fails on a bad or unterminated expression', () => {
    expect(() => interpolate('x ${{ nope.y }}', ctx)).toThrow(/unknown context "nope"/);
    try {
      interpolate('x ${{ ritmo.ref', ctx);
      expect.unreachable();
    } catch (e: unknown) {
      expect(isRitmoError(e, 'ERR_PIPELINE_EXPRESSION')).toBe(true);
      expect((e as Error).message).toContain('unterminated expression');
    }
  });
});
