import { execFile } from 'node:child_process';

/** What `ritmo run` knows about the working tree when it is a git repository. */
export interface GitFacts {
  /** Absent in a repository without commits. */
  sha?: string;
  /** Absent on a detached HEAD. */
  branch?: string;
  /** A tag pointing at HEAD, if any (the first in sort order). */
  tag?: string;
}

/** Reads sha, branch and tag of `cwd`'s repository; undefined when `cwd` is not inside a git work tree or git is missing. */
export async function readGitFacts(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  signal: AbortSignal,
): Promise<GitFacts | undefined> {
  const inside = await git({ cwd, env, signal }, ['rev-parse', '--is-inside-work-tree']);
  if (inside !== 'true') return undefined;
  const [sha, branch, tags] = await Promise.all([
    git({ cwd, env, signal }, ['rev-parse', '--verify', '-q', 'HEAD']),
    git({ cwd, env, signal }, ['symbolic-ref', '--short', '-q', 'HEAD']),
    git({ cwd, env, signal }, ['tag', '--points-at', 'HEAD']),
  ]);
  const facts: GitFacts = {};
  if (sha) facts.sha = sha;
  if (branch) facts.branch = branch;
  const tag = tags?.split('\n').find((t) => t.trim() !== '');
  if (tag) facts.tag = tag.trim();
  return facts;
}

/** Runs one git command; its trimmed stdout, or undefined when it fails. */
function git(
  where: { cwd: string; env: Readonly<Record<string, string | undefined>>; signal: AbortSignal },
  args: string[],
): Promise<string | undefined> {
  const env = { ...where.env, GIT_TERMINAL_PROMPT: '0' };
  return new Promise((resolve) => {
    execFile('git', args, { cwd: where.cwd, signal: where.signal, encoding: 'utf8', env }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim());
    });
  });
}
