import { z } from 'zod';
import { RitmoError } from '@ritmo/shared';
import { ZERO_SHA, type ForgeRepo, type HookEvent } from '../hook-event.js';
import { verifyStandardWebhook } from '../verify/verify-standard-webhook.js';
import { verifyToken } from '../verify/verify-token.js';
import { changedFilesOf } from './changed-files-of.js';
import { forgeApiUrl } from './forge-api-url.js';
import type { HookProvider } from './hook-provider.js';
import { payloadFields } from './payload-fields.js';

/** GitLab lists at most this many commits in a push payload. */
const MAX_LISTED_COMMITS = 20;

const OTHER_EVENTS = new Set(
  ['Issue', 'Confidential Issue', 'Note', 'Confidential Note', 'Job', 'Pipeline', 'Wiki Page', 'Deployment', 'Feature Flag', 'Release', 'Emoji', 'Resource Access Token', 'Member', 'Project', 'Subgroup', 'Milestone', 'Vulnerability', 'System'].map((e) => `${e} Hook`),
);

const Project = z.object({ id: z.number(), path_with_namespace: z.string(), web_url: z.string().optional() });
const Commit = z.object({ id: z.string(), message: z.string(), added: z.array(z.string()).nullish(), modified: z.array(z.string()).nullish(), removed: z.array(z.string()).nullish() });
const Push = z.object({
  before: z.string(),
  after: z.string(),
  ref: z.string(),
  commits: z.array(Commit),
  total_commits_count: z.number().optional(),
  project: Project,
});
const MergeRequest = z.object({
  project: Project,
  object_attributes: z.object({
    iid: z.number(),
    action: z.string().optional(),
    title: z.string().nullish(),
    source_branch: z.string(),
    target_branch: z.string(),
    source_project_id: z.number(),
    target_project_id: z.number(),
    oldrev: z.string().nullish(),
    last_commit: z.object({ id: z.string() }),
    diff_refs: z.object({ base_sha: z.string().nullish() }).nullish(),
  }),
});

/** GitLab's merge request actions in GitHub's words (`update` with new commits is `synchronize`). */
function actionOf(action: string | undefined, oldrev: string | null | undefined): string {
  switch (action) {
    case 'open':
      return 'opened';
    case 'reopen':
      return 'reopened';
    case 'close':
    case 'merge':
      return 'closed';
    case 'update':
      return oldrev ? 'synchronize' : 'edited';
    default:
      return action ?? 'unknown';
  }
}

function forgeOf(project: z.infer<typeof Project>): ForgeRepo | null {
  const apiUrl = forgeApiUrl(project.web_url, project.path_with_namespace, '/api/v4');
  return apiUrl ? { provider: 'gitlab', apiUrl, fullName: project.path_with_namespace, projectId: project.id } : null;
}

function push(payload: unknown, event: string): HookEvent {
  const p = payloadFields(Push, payload, event);
  const created = ZERO_SHA.test(p.before);
  const complete = !created && p.commits.length === (p.total_commits_count ?? p.commits.length) && p.commits.length < MAX_LISTED_COMMITS;
  return {
    kind: 'push',
    ref: p.ref,
    before: created ? null : p.before,
    after: p.after,
    deleted: ZERO_SHA.test(p.after),
    message: p.commits.find((c) => c.id === p.after)?.message ?? null,
    changedFiles: changedFilesOf(p.commits, complete),
    repo: forgeOf(p.project),
  };
}

function mergeRequest(payload: unknown): HookEvent {
  const p = payloadFields(MergeRequest, payload, 'merge request');
  const mr = p.object_attributes;
  return {
    kind: 'pull_request',
    action: actionOf(mr.action, mr.oldrev),
    number: mr.iid,
    ref: `refs/merge-requests/${mr.iid}/head`,
    headSha: mr.last_commit.id,
    headBranch: mr.source_branch,
    baseBranch: mr.target_branch,
    baseSha: mr.diff_refs?.base_sha ?? null,
    fromFork: mr.source_project_id !== mr.target_project_id,
    title: mr.title ?? null,
    repo: forgeOf(p.project),
  };
}

/**
 * GitLab: the secret token sent verbatim in `X-Gitlab-Token`, or (signing tokens, `whsec_…`) the
 * Standard Webhooks headers. Events in `X-Gitlab-Event`; delivery id in `X-Gitlab-Event-UUID` or
 * `Idempotency-Key`.
 */
export const gitlabProvider: HookProvider = {
  name: 'gitlab',
  secretHeaders: ['x-gitlab-token', 'webhook-signature'],
  deliveryId: (h) => h['x-gitlab-event-uuid'] ?? h['idempotency-key'] ?? h['webhook-id'],
  eventName: (h) => h['x-gitlab-event'],
  verify({ headers, body, secret, now }) {
    if (headers['webhook-signature'] !== undefined) {
      verifyStandardWebhook({ id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], secret, body, now });
      return;
    }
    verifyToken('X-Gitlab-Token', headers['x-gitlab-token'], secret);
  },
  normalize(event, payload) {
    if (event === 'Push Hook' || event === 'Tag Push Hook') return push(payload, event);
    if (event === 'Merge Request Hook') return mergeRequest(payload);
    if (event !== undefined && OTHER_EVENTS.has(event)) return { kind: 'ignored', reason: `GitLab event "${event}" starts no build` };
    throw new RitmoError('ERR_HOOK_UNSUPPORTED_EVENT', event === undefined ? 'the delivery has no X-Gitlab-Event header' : `GitLab sends no event "${event}"`);
  },
};
