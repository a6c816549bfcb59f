// Test-only helper (excluded from the build): real git repositories on disk.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface TestRepo {
  /** The bare repository: what a project's repoUrl points at. */
  bare: string;
  /** A working clone that commits and pushes to it. */
  work: string;
  git(...args: string[]): string;
  /** Writes (or, for null, deletes) files, commits on the current branch and pushes it; returns the sha. */
  commit(files: Record<string, string | null>, message: string): string;
  /** Creates a branch from HEAD (or `from`) and switches to it. */
  branch(name: string, from?: string): void;
  /** Pushes HEAD to any ref of the bare repository (e.g. `refs/pull/1/head`). */
  pushRef(ref: string): void;
  remove(): void;
}

export function createTestRepo(defaultBranch = 'main'): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'ritmo-repo-'));
  const bare = join(root, 'origin.git');
  const work = join(root, 'work');
  const run = (cwd: string, args: string[]): string => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();
  run(root, ['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, bare]);
  run(root, ['init', '--quiet', `--initial-branch=${defaultBranch}`, work]);
  run(work, ['remote', 'add', 'origin', bare]);
  const repo: TestRepo = {
    bare,
    work,
    git: (...args) => run(work, args),
    commit(files, message) {
      for (const [path, text] of Object.entries(files)) {
        const full = join(work, path);
        if (text === null) rmSync(full, { force: true });
        else {
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, text);
        }
      }
      run(work, ['add', '-A']);
      run(work, ['commit', '--quiet', '--allow-empty', '-m', message]);
      run(work, ['push', '--quiet', 'origin', 'HEAD']);
      return run(work, ['rev-parse', 'HEAD']);
    },
    branch(name, from) {
      run(work, ['checkout', '--quiet', '-b', name, ...(from ? [from] : [])]);
    },
    pushRef(ref) {
      run(work, ['push', '--quiet', '--force', 'origin', `HEAD:${ref}`]);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  return repo;
}
