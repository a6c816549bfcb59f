import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RitmoError } from '@ritmo/shared';
import { runGit } from './run-git.js';

export interface RepoFile {
  sha: string;
  path: string;
  text: string;
}

/** Where the pipeline is looked for when the project names no path. */
const DEFAULT_PATHS = ['.ritmo.yml', '.ritmo.yaml'];

/**
 * Bare mirrors of project repositories under `<dataDir>/repos`, fetched on demand, so the server can
 * read the pipeline at any commit (`git show sha:.ritmo.yml`). Operations on one mirror run one at a
 * time.
 */
export function createRepoMirror(deps: { dataDir: string }) {
  const locks = new Map<string, Promise<unknown>>();
  const serial = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    locks.set(key, settled);
    void settled.then(() => {
      if (locks.get(key) === settled) locks.delete(key);
    });
    return next;
  };

  const unavailable = (message: string, stderr: string): RitmoError =>
    new RitmoError('ERR_API_REPO_UNAVAILABLE', message, { details: { git: stderr.trim().split('\n').slice(-3) } });

  const sync = async (dir: string, repoUrl: string, signal?: AbortSignal): Promise<void> => {
    const exists = await stat(join(dir, 'HEAD')).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(dir, { recursive: true });
      const clone = await runGit(['clone', '--mirror', '--quiet', '--', repoUrl, dir], { signal });
      if (!clone.ok) throw unavailable(`cannot clone ${repoUrl}`, clone.stderr);
      return;
    }
    const fetch = await runGit(['remote', 'set-url', 'origin', '--', repoUrl], { cwd: dir, signal });
    if (!fetch.ok) throw unavailable(`cannot use ${repoUrl}`, fetch.stderr);
    const update = await runGit(['fetch', '--prune', '--quiet', 'origin'], { cwd: dir, signal });
    if (!update.ok) throw unavailable(`cannot fetch ${repoUrl}`, update.stderr);
  };

  const resolveCommit = async (dir: string, rev: string, signal?: AbortSignal): Promise<string | undefined> => {
    if (rev.startsWith('-')) return undefined;
    const r = await runGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: dir, signal });
    return r.ok ? r.stdout.trim() : undefined;
  };

  return {
    /**
     * Reads the pipeline file at `sha` (or at the tip of `ref`), fetching when the commit is not known
     * yet. `path` undefined looks for `.ritmo.yml`, then the first `.ritmo/*.yml`. Returns undefined
     * when no such file exists at that commit.
     */
    readPipeline(input: { key: string; repoUrl: string; ref: string; sha?: string; path?: string; signal?: AbortSignal }): Promise<RepoFile | undefined> {
      const dir = join(deps.dataDir, 'repos', `${input.key}.git`);
      return serial(dir, async () => {
        const rev = input.sha ?? input.ref;
        let sha = input.sha === undefined ? undefined : await resolveCommit(dir, rev, input.signal).catch(() => undefined);
        if (sha === undefined) {
          await sync(dir, input.repoUrl, input.signal);
          sha = await resolveCommit(dir, rev, input.signal);
        }
        if (sha === undefined) throw new RitmoError('ERR_API_REPO_UNAVAILABLE', `"${rev}" is not a commit, branch or tag of ${input.repoUrl}`);
        const candidates = input.path ? [input.path] : [...DEFAULT_PATHS, ...(await listDir(dir, sha, '.ritmo/', input.signal))];
        for (const path of candidates) {
          const show = await runGit(['show', `${sha}:${path}`], { cwd: dir, signal: input.signal });
          if (show.ok) return { sha, path, text: show.stdout };
        }
        return undefined;
      });
    },
  };
}

async function listDir(dir: string, sha: string, prefix: string, signal?: AbortSignal): Promise<string[]> {
  const r = await runGit(['ls-tree', '--name-only', sha, prefix], { cwd: dir, signal });
  if (!r.ok) return [];
  return r.stdout
    .split('\n')
    .filter((p) => /\.ya?ml$/.test(p))
    .sort();
}

export type RepoMirror = ReturnType<typeof createRepoMirror>;
