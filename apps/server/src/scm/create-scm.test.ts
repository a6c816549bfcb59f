import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Project } from '@ritmo/store';
import { createRepoMirror } from '../pipelines/create-repo-mirror.js';
import { createScm } from './create-scm.js';
import { createTestRepo } from './testing/test-git-repo.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ritmo-scm-'));
const repo = createTestRepo();
afterAll(() => {
  repo.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

const project = (repoUrl: string | null): Project =>
  ({ id: 'p_scm', name: 'scm', repoUrl, defaultBranch: 'main', settings: {}, pipelinePath: null, pipelineYaml: null, triggerTokenHash: null, nextBuildNumber: 1, createdAt: 0, updatedAt: 0 }) as Project;

describe('the mirror, as the trigger layer uses it', () => {
  const scm = createScm({ mirror: createRepoMirror({ dataDir }) });

  it('resolves refs after a fetch, reads commit messages, and diffs pushes (renames count twice)', async () => {
    const first = repo.commit({ 'src/a.ts': 'a', 'docs/x.md': 'x', 'old.txt': 'o' }, 'first');
    const p = project(repo.bare);
    expect(await scm.resolveRef(p, 'refs/heads/main')).toBe(first);
    const second = repo.commit({ 'src/a.ts': 'a2', 'old.txt': null, 'new.txt': 'o' }, 'second [skip ci]\n\nbody');
    // Known only after a fetch: the mirror fetches once when a commit is missing.
    expect(await scm.commitMessage(p, second)).toBe('second [skip ci]\n\nbody');
    expect(await scm.changedFiles(p, { kind: 'push', before: first, after: second, defaultBranch: 'main' })).toEqual(['new.txt', 'old.txt', 'src/a.ts']);
  });

  it('diffs a new branch from where it left the default branch, and a pull request from the merge base', async () => {
    const p = project(repo.bare);
    repo.branch('feature');
    const head = repo.commit({ 'docs/y.md': 'y' }, 'docs only');
    repo.git('checkout', '--quiet', 'main');
    const main = repo.commit({ 'src/b.ts': 'b' }, 'main moves on');
    expect(await scm.changedFiles(p, { kind: 'push', before: null, after: head, defaultBranch: 'main' })).toEqual(['docs/y.md']);
    repo.git('checkout', '--quiet', 'feature');
    repo.pushRef('refs/pull/1/head');
    expect(await scm.changedFiles(p, { kind: 'pull_request', base: main, head })).toEqual(['docs/y.md']);
    expect(await scm.changedFiles(p, { kind: 'pull_request', base: 'refs/heads/main', head })).toEqual(['docs/y.md']);
    repo.git('checkout', '--quiet', 'main');
  });

  it('answers undefined for unknown commits and for projects without a repository', async () => {
    const p = project(repo.bare);
    expect(await scm.changedFiles(p, { kind: 'push', before: 'f'.repeat(40), after: 'e'.repeat(40), defaultBranch: 'main' })).toBeUndefined();
    expect(await scm.commitMessage(project(null), 'abc')).toBeUndefined();
  });

  it('names the repository when it cannot be fetched', async () => {
    const missing = project(join(dataDir, 'no-such-repo.git'));
    await expect(scm.resolveRef({ ...missing, id: 'p_missing' }, 'refs/heads/main')).rejects.toMatchObject({ code: 'ERR_API_REPO_UNAVAILABLE' });
  });
});
