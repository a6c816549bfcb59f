import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createPatternMatcher } from '@ritmo/pipeline';

export interface CollectedPath {
  /** Relative to the workspace, `/`-separated. */
  path: string;
  type: 'file' | 'symlink';
  /** A symlink's target as written. */
  target?: string;
}

/** True when a symlink at `path` pointing at `target` stays inside the workspace (lexically). */
function staysInside(path: string, target: string): boolean {
  if (target.startsWith('/') || target.includes('\\') || target.includes('\0')) return false;
  const parts = path.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return false;
      parts.pop();
    } else parts.push(part);
  }
  return true;
}

/**
 * The files (and symlinks) of `workspace` that `paths` match, minus those `exclude` matches, in
 * path order. Globs follow the pipeline's rules (`**`, dot files, `!` negation); a pattern that
 * names a directory takes everything under it. Symlinked directories are not followed, and a
 * symlink pointing outside the workspace is skipped (`skipped` lists them).
 */
export async function collectPaths(workspace: string, paths: readonly string[], exclude: readonly string[] = []): Promise<{ found: CollectedPath[]; skipped: string[] }> {
  const include = createPatternMatcher(paths.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')));
  const excluded = createPatternMatcher(exclude.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')));
  const found: CollectedPath[] = [];
  const skipped: string[] = [];
  const walk = async (dir: string, inherited: boolean): Promise<void> => {
    const entries = await readdir(join(workspace, dir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (excluded(rel)) continue;
      const taken = inherited || include(rel);
      if (entry.isDirectory()) {
        if (rel === '.git' && !taken) continue;
        await walk(rel, taken);
      } else if (taken && entry.isFile()) {
        found.push({ path: rel, type: 'file' });
      } else if (taken && entry.isSymbolicLink()) {
        const target = await readlink(join(workspace, rel));
        if (staysInside(rel, target)) found.push({ path: rel, type: 'symlink', target });
        else skipped.push(rel);
      }
    }
  };
  if ((await lstat(workspace).catch(() => undefined))?.isDirectory()) await walk('', false);
  return { found, skipped };
}
