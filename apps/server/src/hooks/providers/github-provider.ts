import { z } from 'zod';
import { RitmoError } from '@ritmo/shared';
import { ZERO_SHA, type ForgeRepo, type HookEvent } from '../hook-event.js';
import { verifyHexSignature } from '../verify/verify-hex-signature.js';
import { changedFilesOf } from './changed-files-of.js';
import { forgeApiUrl } from './forge-api-url.js';
import { GITHUB_OTHER_EVENTS } from './github-events.js';
import type { HookProvider } from './hook-provider.js';
import { payloadFields } from './payload-fields.js';

/** GitHub lists at most this many commits in a push payload; a full list may have been cut. */
const MAX_LISTED_COMMITS = 2048;

const Repository = z.object({ id: z.number(), full_name: z.string(), url: z.string().optional(), statuses_url: z.string().optional() });
const Commit = z.object({ id: z.string(), message: z.string(), added: z.array(z.string()).optional(), modified: z.array(z.string()).optional(), removed: z.array(z.string()).optional() });

const Push = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  head_commit: Commit.nullable().optional(),
  commits: z.array(Commit).optional(),
  repository: Repository,
});

const Side = z.object({ ref: z.string(), sha: z.string(), repo: Repository.nullable() });
const PullRequest = z.object({
  action: z.string(),
  number: z.number(),
  pull_request: z.object({ title: z.string().nullable().optional(), head: Side, base: Side }),
  repository: Repository,
});

function forgeOf(repository: z.infer<typeof Repository>): ForgeRepo | null {
  // statuses_url is an API URL in every event (push payloads give the web URL as `url`).
  const statuses = repository.statuses_url?.replace(/\/statuses\/\{sha\}$/, '');
  const apiUrl = forgeApiUrl(statuses ?? repository.url, `repos/${repository.full_name}`);
  return apiUrl ? { provider: 'github', apiUrl, fullName: repository.full_name } : null;
}

function push(payload: unknown): HookEvent {
  const p = payloadFields(Push, payload, 'push');
  const deleted = p.deleted === true || ZERO_SHA.test(p.after);
  const created = p.created === true || ZERO_SHA.test(p.before);
  const commits = p.commits ?? [];
  const complete = !created && p.forced !== true && commits.length < MAX_LISTED_COMMITS;
  return {
    kind: 'push',
    ref: p.ref,
    before: created ? null : p.before,
    after: p.after,
    deleted,
    message: p.head_commit?.message ?? null,
    changedFiles: changedFilesOf(commits, complete),
    repo: forgeOf(p.repository),
  };
}

function pullRequest(payload: unknown): HookEvent {
  const p = payloadFields(PullRequest, payload, 'pull_request');
  const { head, base } = p.pull_request;
  return {
    kind: 'pull_request',
    action: p.action,
    number: p.number,
    ref: `refs/pull/${p.number}/head`,
    headSha: head.sha,
    headBranch: head.ref,
    baseBranch: base.ref,
    baseSha: base.sha,
    // A deleted fork has no head repo: still not the base repository.
    fromFork: head.repo === null || base.repo === null || head.repo.id !== base.repo.id,
    title: p.pull_request.title ?? null,
    repo: forgeOf(p.repository),
  };
}

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, `X-GitHub-Event`, `X-GitHub-Delivery`. */
export const githubProvider: HookProvider = {
  name: 'github',
  secretHeaders: ['x-hub-signature', 'x-hub-signature-256'],
  deliveryId: (h) => h['x-github-delivery'],
  eventName: (h) => h['x-github-event'],
  verify({ headers, body, secret }) {
    const value = headers['x-hub-signature-256'];
    if (value === undefined && headers['x-hub-signature'] !== undefined) {
      throw new RitmoError('ERR_HOOK_SIGNATURE_MISSING', 'the delivery is signed with SHA-1 only (X-Hub-Signature); Ritmo requires X-Hub-Signature-256');
    }
    verifyHexSignature({ header: 'X-Hub-Signature-256', value, prefix: 'sha256=', secret, body });
  },
  normalize(event, payload) {
    if (event === 'push') return push(payload);
    if (event === 'pull_request') return pullRequest(payload);
    if (event === 'ping') return { kind: 'ping' };
    if (event !== undefined && GITHUB_OTHER_EVENTS.has(event)) return { kind: 'ignored', reason: `GitHub event "${event}" starts no build` };
    throw new RitmoError('ERR_HOOK_UNSUPPORTED_EVENT', event === undefined ? 'the delivery has no X-GitHub-Event header' : `GitHub sends no event "${event}"`);
  },
};
