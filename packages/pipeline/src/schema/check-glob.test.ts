import { describe, expect, it } from 'vitest';
import { checkGlob } from './check-glob.js';

describe('checkGlob', () => {
  it.each(['src/**', '**/*.{js,ts}', 'docs/[a-z]*.md', '!**/*.map', 'a\\[literal', 'dist', '[]]x', 'file-{1,2}/**'])('accepts %s', (glob) => {
    expect(checkGlob(glob)).toBeUndefined();
  });

  it.each([
    ['', 'empty glob pattern'],
    ['  ', 'empty glob pattern'],
    ['!', 'empty glob pattern'],
    ['src/[ab', 'unbalanced "[" in glob "src/[ab"'],
    ['a/{b,c', 'unbalanced "{" in glob "a/{b,c"'],
    ['a}', 'unbalanced "}" in glob "a}"'],
    ['a]', 'unbalanced "]" in glob "a]"'],
    ['{a,[b}', 'unbalanced "[" in glob "{a,[b}"'],
  ])('rejects %j', (glob, message) => {
    expect(checkGlob(glob)).toBe(message);
  });
});
