import picomatch from 'picomatch/posix.js';

export type NameMatcher = (value: string) => boolean;

/**
 * A matcher for a GitHub-style filter list: globs (`*` stops at `/`, `**` crosses it, `**.js` matches
 * at any depth, dot files included), applied in order, where a pattern starting with `!` excludes what
 * earlier patterns included and a later positive pattern includes it again. A pattern that is not a valid
 * glob matches nothing (the compiler reports it).
 */
export function createPatternMatcher(patterns: readonly string[]): NameMatcher {
  const compiled = patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    return { negated, test: compileGlob(negated ? pattern.slice(1) : pattern) };
  });
  return (value) => {
    let included = false;
    for (const { negated, test } of compiled) {
      if (negated ? included : !included) {
        if (test(value)) included = !negated;
      }
    }
    return included;
  };
}

function compileGlob(glob: string): NameMatcher {
  try {
    const matcher = picomatch(glob, { dot: true, nonegate: true });
    return (value) => matcher(value);
  } catch {
    return () => false;
  }
}
