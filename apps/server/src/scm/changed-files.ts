import type { MirrorSession } from '../pipelines/create-repo-mirror.js';

/** What changed: a push (`before` null for a new ref) or a pull request (`base` is its target). */
export type ChangeRange = { kind: 'push'; before: string | null; after: string; defaultBranch: string } | { kind: 'pull_request'; base: string; head: string };

const split = (out: string): string[] => [...new Set(out.split('\0').filter((f) => f !== ''))].sort();

/**
 * The files a push or pull request touches, from a diff on the mirror (renames count as both paths):
 * a push against its previous tip, a new branch against where it left the default branch, a pull
 * request from the merge base of base and head. Undefined when the commits cannot be found.
 */
export async function changedFiles(session: MirrorSession, range: ChangeRange): Promise<string[] | undefined> {
  const diff = async (from: string, to: string): Promise<string[] | undefined> => {
    const r = await session.git(['diff', '--name-only', '--no-renames', '-z', from, to, '--']);
    return r.ok ? split(r.stdout) : undefined;
  };
  if (range.kind === 'pull_request') {
    const head = await session.commit(range.head);
    const base = await session.commit(range.base);
    if (head === undefined || base === undefined) return undefined;
    const mergeBase = await session.git(['merge-base', base, head]);
    return mergeBase.ok ? diff(mergeBase.stdout.trim(), head) : undefined;
  }
  const after = await session.commit(range.after);
  if (after === undefined) return undefined;
  if (range.before !== null) {
    const before = await session.commit(range.before);
    return before === undefined ? undefined : diff(before, after);
  }
  const main = await session.commit(`refs/heads/${range.defaultBranch}`);
  if (main === undefined) return undefined;
  const mergeBase = await session.git(['merge-base', main, after]);
  return mergeBase.ok ? diff(mergeBase.stdout.trim(), after) : undefined;
}
