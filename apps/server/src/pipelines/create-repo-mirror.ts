import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RitmoError } from '@ritmo/shared';
import { runGit, type GitResult } from './run-git.js';

export interface RepoFile {
  sha: string;
  path: string;
  text: string;
}

/** Environment for git to reach a repository that needs credentials, and how to clean up after. */
export interface GitAuth {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** Finds the credentials of a mirror (`key` is the project id); undefined when none are needed. */
export type GitAuthProvider = (key: string, repoUrl: string) => Promise<GitAuth | undefined>;

export interface MirrorTarget {
  key: string;
  repoUrl: string;
  signal?: AbortSignal;
}

/** One mirror, while the caller holds it (operations on a mirror run one at a time). */
export interface MirrorSession {
  dir: string;
  /** Fetches from the repository (clones it the first time). */
  sync(): Promise<void>;
  /** The commit `rev` names, fetching once when it is not known yet (`fresh`: fetch first). */
  commit(rev: string, options?: { fresh?: boolean }): Promise<string | undefined>;
  git(args: string[]): Promise<GitResult>;
}

/** Where the pipeline is looked for when the project names no path. */
const DEFAULT_PATHS = ['.ritmo.yml', '.ritmo.yaml'];

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Bare mirrors of project repositories under `<dataDir>/repos`, fetched on demand, so the server can
 * read the pipeline at any commit (`git show sha:.ritmo.yml`), resolve refs and diff commits.
 * Operations on one mirror run one at a time.
 */
export function createRepoMirror(deps: { dataDir: string; auth?: GitAuthProvider }) {
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

  const sync = async (dir: string, target: MirrorTarget): Promise<void> => {
    const { repoUrl, signal } = target;
    const auth = await deps.auth?.(target.key, repoUrl);
    try {
      const env = auth?.env;
      if (!(await exists(join(dir, 'HEAD')))) {
        await mkdir(dir, { recursive: true });
        const clone = await runGit(['clone', '--mirror', '--quiet', '--', repoUrl, dir], { signal, env });
        if (!clone.ok) throw unavailable(`cannot clone ${repoUrl}`, clone.stderr);
        return;
      }
      const seturl = await runGit(['remote', 'set-url', 'origin', '--', repoUrl], { cwd: dir, signal });
      if (!seturl.ok) throw unavailable(`cannot use ${repoUrl}`, seturl.stderr);
      const update = await runGit(['fetch', '--prune', '--quiet', 'origin'], { cwd: dir, signal, env });
      if (!update.ok) throw unavailable(`cannot fetch ${repoUrl}`, update.stderr);
    } finally {
      await auth?.cleanup();
    }
  };

  const resolveCommit = async (dir: string, rev: string, signal?: AbortSignal): Promise<string | undefined> => {
    if (rev.startsWith('-') || !(await exists(join(dir, 'HEAD')))) return undefined;
    const r = await runGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: dir, signal });
    return r.ok ? r.stdout.trim() : undefined;
  };

  const use = <T>(target: MirrorTarget, fn: (session: MirrorSession) => Promise<T>): Promise<T> => {
    const dir = join(deps.dataDir, 'repos', `${target.key}.git`);
    return serial(dir, () => {
      let synced = false;
      const session: MirrorSession = {
        dir,
        async sync() {
          await sync(dir, target);
          synced = true;
        },
        async commit(rev, options = {}) {
          if (options.fresh && !synced) await session.sync();
          const found = await resolveCommit(dir, rev, target.signal);
          if (found !== undefined || synced) return found;
          await session.sync();
          return resolveCommit(dir, rev, target.signal);
        },
        git: (args) => runGit(args, { cwd: dir, signal: target.signal }),
      };
      return fn(session);
    });
  };

  return {
    use,
    /**
     * Reads the pipeline file at `sha` (or at the tip of `ref`), fetching when the commit is not known
     * yet. `path` undefined looks for `.ritmo.yml`, then the first `.ritmo/*.yml`. Returns undefined
     * when no such file exists at that commit.
     */
    readPipeline(input: MirrorTarget & { ref: string; sha?: string; path?: string }): Promise<RepoFile | undefined> {
      return use(input, async (session) => {
        const rev = input.sha ?? input.ref;
        const sha = await session.commit(rev, { fresh: input.sha === undefined });
        if (sha === undefined) throw new RitmoError('ERR_API_REPO_UNAVAILABLE', `"${rev}" is not a commit, branch or tag of ${input.repoUrl}`);
        const candidates = input.path ? [input.path] : [...DEFAULT_PATHS, ...(await listDir(session, sha, '.ritmo/'))];
        for (const path of candidates) {
          const show = await session.git(['show', `${sha}:${path}`]);
          if (show.ok) return { sha, path, text: show.stdout };
        }
        return undefined;
      });
    },
  };
}

async function listDir(session: MirrorSession, sha: string, prefix: string): Promise<string[]> {
  const r = await session.git(['ls-tree', '--name-only', sha, prefix]);
  if (!r.ok) return [];
  return r.stdout
    .split('\n')
    .filter((p) => /\.ya?ml$/.test(p))
    .sort();
}

export type RepoMirror = ReturnType<typeof createRepoMirror>;
