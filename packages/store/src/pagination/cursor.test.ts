import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursor', () => {
  it('round-trips a numeric and a string sort key', () => {
    expect(decodeCursor('builds', encodeCursor('builds', 1_700_000_000_123, 'b_1'), 'number')).toEqual({ key: 1_700_000_000_123, id: 'b_1' });
    expect(decodeCursor('users', encodeCursor('users', 'zoë', 'u_1'), 'string')).toEqual({ key: 'zoë', id: 'u_1' });
  });

  it('is base64url: safe in a query string', () => {
    expect(encodeCursor('builds', 42, 'b_/+?&=')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('rejects every single-character edit', () => {
    const cursor = encodeCursor('builds', 1_700_000_000_123, 'b_abcdef');
    for (let i = 0; i < cursor.length; i++) {
      const edited = cursor.slice(0, i) + (cursor[i] === 'x' ? 'y' : 'x') + cursor.slice(i + 1);
      expect(() => decodeCursor('builds', edited, 'number'), `edit at ${i}`).toThrow(expect.objectContaining({ code: 'ERR_STORE_INVALID_CURSOR' }));
    }
  });

  it('rejects truncation, garbage, another listing and a wrong key type', () => {
    const cursor = encodeCursor('builds', 5, 'b_1');
    const invalid = expect.objectContaining({ code: 'ERR_STORE_INVALID_CURSOR' });
    expect(() => decodeCursor('builds', cursor.slice(0, -3), 'number')).toThrow(invalid);
    expect(() => decodeCursor('builds', 'abc', 'number')).toThrow(invalid);
    expect(() => decodeCursor('builds', 'a b', 'number')).toThrow(invalid);
    expect(() => decodeCursor('builds', '', 'number')).toThrow(invalid);
    expect(() => decodeCursor('jobs', cursor, 'number')).toThrow(invalid);
    expect(() => decodeCursor('builds', cursor, 'string')).toThrow(invalid);
  });
});
