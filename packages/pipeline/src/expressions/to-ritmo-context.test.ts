import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluate-expression.js';
import { toRitmoContext } from './to-ritmo-context.js';

describe('toRitmoContext', () => {
  it('maps a trigger to snake_case fields and leaves unknown ones out', () => {
    const ritmo = toRitmoContext(
      { event: 'push', ref: 'refs/heads/main', branch: 'main', sha: 'abc', buildNumber: 3, project: 'web', changedFiles: ['x'] },
      { workspace: '/w' },
    );
    expect(ritmo).toEqual({ event: 'push', ref: 'refs/heads/main', branch: 'main', sha: 'abc', build_number: 3, project: 'web', workspace: '/w' });
    expect(evaluateExpression("format('{0}#{1}', ritmo.project, ritmo.build_number)", { ritmo })).toBe('web#3');
    expect(evaluateExpression('ritmo.tag', { ritmo })).toBeNull();
  });
});
