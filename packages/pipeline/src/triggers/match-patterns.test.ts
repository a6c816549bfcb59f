import { describe, expect, it } from 'vitest';
import { createPatternMatcher } from './match-patterns.js';

describe('createPatternMatcher', () => {
  it.each([
    // GitHub's filter pattern cheat sheet
    [['feature/*'], 'feature/my-branch', true],
    [['feature/*'], 'feature/your/branch', false],
    [['feature/**'], 'feature/your/branch', true],
    [['*'], 'main', true],
    [['*'], 'releases/10', false],
    [['**'], 'releases/10', true],
    [['main', 'releases/mona-the-octocat'], 'releases/mona-the-octocat', true],
    [['v2*'], 'v2.0.1', true],
    [['v[12].[0-9]+.[0-9]+'], 'v1.10.1', true],
    [['v[12].[0-9]+.[0-9]+'], 'v3.0.0', false],
    [['**.js'], 'src/js/app.js', true],
    [['**.js'], 'index.js', true],
    [['*.js'], 'js/index.js', false],
    [['docs/*'], 'docs/a/b.md', false],
    [['docs/**'], 'docs/a/b.md', true],
    [['**/docs/**'], 'a/docs/b.md', true],
    [['**/README.md'], 'README.md', true],
    [['**/README.md'], 'server/README.md', true],
    [['*.md'], '.github.md', true],
    [['.github/**'], '.github/workflows/ci.yml', true],
    [[], 'main', false],
  ])('%j matches %s: %s', (patterns, value, expected) => {
    expect(createPatternMatcher(patterns)(value)).toBe(expected);
  });

  it('applies negations in order: a later ! excludes, a later positive includes again', () => {
    const m = createPatternMatcher(['releases/**', '!releases/**-alpha', 'releases/keep-alpha']);
    expect(m('releases/1.0')).toBe(true);
    expect(m('releases/1.0-alpha')).toBe(false);
    expect(m('releases/keep-alpha')).toBe(true);
    expect(createPatternMatcher(['!main'])('main')).toBe(false);
    expect(createPatternMatcher(['!main'])('dev')).toBe(false);
  });
});
