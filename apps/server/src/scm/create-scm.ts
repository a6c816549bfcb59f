import type { Project } from '@ritmo/store';
import type { MirrorSession, RepoMirror } from '../pipelines/create-repo-mirror.js';
import { changedFiles, type ChangeRange } from './changed-files.js';

/**
 * What the trigger layer asks of a project's repository, through its bare mirror: refs, commit
 * messages and changed files. Projects without a repository (inline pipelines) answer undefined.
 */
export function createScm(deps: { mirror: RepoMirror }) {
  const withMirror = <T>(project: Project, signal: AbortSignal | undefined, fn: (session: MirrorSession) => Promise<T | undefined>): Promise<T | undefined> =>
    project.repoUrl === null ? Promise.resolve(undefined) : deps.mirror.use({ key: project.id, repoUrl: project.repoUrl, ...(signal ? { signal } : {}) }, fn);

  return {
    /** The commit a ref (`refs/heads/main`, `v1`, a sha) points at now, after a fetch. */
    resolveRef: (project: Project, ref: string, signal?: AbortSignal): Promise<string | undefined> =>
      withMirror<string>(project, signal, (s) => s.commit(ref, { fresh: true })),

    /** The full message of a commit. */
    commitMessage: (project: Project, sha: string, signal?: AbortSignal): Promise<string | undefined> =>
      withMirror<string>(project, signal, async (s) => {
        const commit = await s.commit(sha);
        if (commit === undefined) return undefined;
        const r = await s.git(['show', '-s', '--format=%B', commit]);
        return r.ok ? r.stdout.replace(/\n+$/, '') : undefined;
      }),

    changedFiles: (project: Project, range: ChangeRange, signal?: AbortSignal): Promise<string[] | undefined> =>
      withMirror<string[]>(project, signal, (s) => changedFiles(s, range)),
  };
}

export type Scm = ReturnType<typeof createScm>;
