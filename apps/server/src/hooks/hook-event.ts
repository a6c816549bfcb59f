/** Where a build's commit statuses go back to: a repository on a forge's API. */
export interface ForgeRepo {
  provider: 'github' | 'gitlab' | 'gitea';
  /** API root: `https://api.github.com`, `https://gitlab.example.com/api/v4`, `https://gitea.example.com/api/v1`. */
  apiUrl: string;
  /** `owner/name` (GitLab: the project's path with namespace). */
  fullName: string;
  /** GitLab's numeric project id, when known. */
  projectId?: number;
}

/** A push of a branch or a tag. */
export interface PushEvent {
  kind: 'push';
  /** Full ref: `refs/heads/main` or `refs/tags/v1`. */
  ref: string;
  /** The previous tip, or null for a new ref. */
  before: string | null;
  /** The new tip (all zeros when the ref was deleted). */
  after: string;
  deleted: boolean;
  /** Message of the new tip when the payload has it. */
  message: string | null;
  /** Every file the pushed commits touch, when the payload lists them completely; null otherwise. */
  changedFiles: string[] | null;
  repo: ForgeRepo | null;
}

/** A pull (merge) request event. `action` uses GitHub's words: opened, synchronize, reopened, closed ... */
export interface PullRequestEvent {
  kind: 'pull_request';
  action: string;
  number: number;
  /** The ref the forge keeps the head at in the base repository (`refs/pull/7/head`). */
  ref: string;
  headSha: string;
  headBranch: string;
  baseBranch: string;
  baseSha: string | null;
  /** The head is in another repository than the base (a fork): the build is untrusted. */
  fromFork: boolean;
  title: string | null;
  repo: ForgeRepo | null;
}

export type HookEvent = PushEvent | PullRequestEvent | { kind: 'ping' } | { kind: 'ignored'; reason: string };

export const ZERO_SHA = /^0+$/;
