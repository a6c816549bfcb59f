import { describe, expect, it } from 'vitest';
import { newId } from '@ritmo/shared';

describe('newId', () => {
  it('is prefixed, 20 characters of base 32, and unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('b_')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^b_[0-9a-hjkmnp-tv-z]{20}$/);
  });

  it('sorts by creation time', () => {
    const earlier = newId('', 1_700_000_000_000);
    const later = newId('', 1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });
});
