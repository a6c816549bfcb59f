export interface PayloadCommit {
  added?: string[] | null | undefined;
  modified?: string[] | null | undefined;
  removed?: string[] | null | undefined;
}

/**
 * The files a push touches, from the commit lists of its payload: only when every commit carries its
 * file lists and the forge did not cut the list short (`complete`). Otherwise null, and the server
 * computes them with a diff on its mirror.
 */
export function changedFilesOf(commits: readonly PayloadCommit[] | null | undefined, complete: boolean): string[] | null {
  if (!complete || !commits || commits.length === 0) return null;
  const files = new Set<string>();
  for (const c of commits) {
    if (!Array.isArray(c.added) || !Array.isArray(c.modified) || !Array.isArray(c.removed)) return null;
    for (const f of [...c.added, ...c.modified, ...c.removed]) files.add(f);
  }
  return [...files].sort();
}
