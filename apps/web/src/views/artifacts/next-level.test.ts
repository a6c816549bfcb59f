import { describe, expect, it } from 'vitest';
import { nextLevel } from './next-level';

const levels = ['dev', 'staging', 'prod'].map((name) => ({ name, role: 'maintainer' as const, approvals: 0, protectedBranchOnly: true }));

describe('nextLevel', () => {
  it('climbs one level at a time and stops at the top or at an unknown level', () => {
    expect(nextLevel(levels, null)?.name).toBe('dev');
    expect(nextLevel(levels, 'dev')?.name).toBe('staging');
    expect(nextLevel(levels, 'staging')?.name).toBe('prod');
    expect(nextLevel(levels, 'prod')).toBeUndefined();
    expect(nextLevel(levels, 'qa')).toBeUndefined();
  });
});
