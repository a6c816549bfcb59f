import { createPatternMatcher } from './match-patterns.js';

export interface PathFilter {
  paths?: string[];
  pathsIgnore?: string[];
}

/**
 * Applies `paths` / `paths-ignore` as GitHub does: with `paths`, at least one changed file must match;
 * with `paths-ignore`, at least one changed file must not match. Returns why it blocks, or undefined when
 * it does not. Unknown changed files never block.
 */
export function pathFilterBlocks(filter: PathFilter, changedFiles: readonly string[] | undefined): string | undefined {
  if (changedFiles === undefined) return undefined;
  if (filter.paths) {
    const matches = createPatternMatcher(filter.paths);
    if (!changedFiles.some(matches)) {
      return `no changed file matches paths [${filter.paths.join(', ')}]`;
    }
  }
  if (filter.pathsIgnore && changedFiles.length > 0) {
    const ignored = createPatternMatcher(filter.pathsIgnore);
    if (changedFiles.every(ignored)) {
      return `every changed file matches paths-ignore [${filter.pathsIgnore.join(', ')}]`;
    }
  }
  return undefined;
}
