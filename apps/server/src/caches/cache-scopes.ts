import type { Build, Project } from '@ritmo/store';

export interface CacheScopes {
  /** Where the build saves: its own trust level and ref. */
  write: string;
  /** Where it restores from, in order: its own scope, then the default branch's. */
  read: string[];
}

/**
 * Cache scopes are trust level + ref (`trusted:main`, `untrusted:feature`). A trusted build reads
 * only trusted scopes; an untrusted build (a fork pull request) reads its own and the default
 * branch's, and writes only untrusted ones, so it never writes where a trusted build reads.
 */
export function cacheScopes(build: Pick<Build, 'trusted' | 'branch' | 'tag' | 'ref'>, project: Pick<Project, 'defaultBranch'>): CacheScopes {
  const name = build.branch ?? (build.tag !== null ? `tags/${build.tag}` : (build.ref ?? project.defaultBranch));
  const trust = build.trusted ? 'trusted' : 'untrusted';
  const write = `${trust}:${name}`;
  const read = [write];
  if (name !== project.defaultBranch) read.push(`${trust}:${project.defaultBranch}`);
  if (!build.trusted) read.push(`trusted:${project.defaultBranch}`);
  return { write, read };
}
