// Test-only helpers (excluded from the build): real GitHub payloads from @octokit/webhooks-examples, adapted to a local repository.
import { createRequire } from 'node:module';

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];

/** A deep copy of the first example of `event` that satisfies `pick`. */
export function githubExample(event: string, pick: (p: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const found = examples.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example`);
  return structuredClone(found);
}

export interface PushFields {
  ref: string;
  before: string;
  after: string;
  message?: string;
  /** Files of the pushed head commit (added/modified), when the payload should list them. */
  files?: string[];
  deleted?: boolean;
}

/** The branch-push example with its ref, commits and head commit replaced. */
export function githubPush(fields: PushFields): Record<string, unknown> {
  const payload = githubExample('push', (p) => p['ref'] === 'refs/heads/master');
  const created = /^0+$/.test(fields.before);
  const commit = { ...(payload['head_commit'] as object), id: fields.after, message: fields.message ?? 'change', added: [], modified: fields.files ?? [], removed: [] };
  return {
    ...payload,
    ref: fields.ref,
    before: fields.before,
    after: fields.after,
    created,
    deleted: fields.deleted ?? false,
    forced: false,
    head_commit: fields.deleted ? null : commit,
    commits: fields.deleted || fields.files === undefined ? [] : [commit],
  };
}

/** The `action` pull_request example, pointing at a local pull request ref's head and base. */
export function githubPullRequest(fields: { action: string; number: number; headSha: string; headRef: string; baseSha: string; baseRef: string; fork?: boolean }): Record<string, unknown> {
  const payload = githubExample('pull_request', (p) => p['action'] === (fields.action === 'synchronize' || fields.action === 'closed' || fields.action === 'reopened' ? fields.action : 'opened'));
  const pr = payload['pull_request'] as { head: Record<string, unknown> & { repo: { id: number } }; base: Record<string, unknown> };
  payload['action'] = fields.action;
  payload['number'] = fields.number;
  pr.head = { ...pr.head, sha: fields.headSha, ref: fields.headRef, repo: { ...pr.head.repo, id: fields.fork ? pr.head.repo.id + 1000 : pr.head.repo.id } };
  pr.base = { ...pr.base, sha: fields.baseSha, ref: fields.baseRef };
  return payload;
}
