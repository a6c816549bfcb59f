import { z } from 'zod';
import { RitmoError } from '@ritmo/shared';
import { ZERO_SHA, type ForgeRepo, type HookEvent } from '../hook-event.js';
import { verifyHexSignature } from '../verify/verify-hex-signature.js';
import { changedFilesOf } from './changed-files-of.js';
import { forgeApiUrl } from './forge-api-url.js';
import type { HookHeaders, HookProvider } from './hook-provider.js';
import { payloadFields } from './payload-fields.js';

/** Without `total_commits`, a payload with this many commits may have been cut (Gitea's feed limit). */
const MAX_LISTED_COMMITS = 5;

const OTHER_EVENTS = new Set(
  'create delete fork issues issue_assign issue_label issue_milestone issue_comment pull_request_assign pull_request_label pull_request_milestone pull_request_comment pull_request_review_approved pull_request_review_rejected pull_request_review_comment pull_request_review_request pull_request_sync release repository wiki package status workflow_job workflow_run action_run schedule'.split(
    ' ',
  ),
);

const Repository = z.object({ id: z.number(), full_name: z.string(), html_url: z.string().optional() });
const Commit = z.object({ id: z.string(), message: z.string(), added: z.array(z.string()).nullish(), modified: z.array(z.string()).nullish(), removed: z.array(z.string()).nullish() });
const Push = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  commits: z.array(Commit).nullish(),
  total_commits: z.number().optional(),
  head_commit: Commit.nullish(),
  repository: Repository,
});
const Side = z.object({ ref: z.string(), sha: z.string(), repo_id: z.number().optional(), repo: z.object({ id: z.number() }).nullish() });
const PullRequest = z.object({
  action: z.string(),
  number: z.number(),
  pull_request: z.object({ title: z.string().nullish(), head: Side, base: Side }),
  repository: Repository,
});

type Variant = 'gitea' | 'forgejo' | 'gogs';

/** Forgejo sends its own headers and Gitea's; Gogs only its own. */
function header(variant: Variant, h: HookHeaders, suffix: string): string | undefined {
  if (variant === 'forgejo') return h[`x-forgejo-${suffix}`] ?? h[`x-gitea-${suffix}`];
  return h[`x-${variant}-${suffix}`];
}

function createNormalizer(variant: Variant) {
  const label = variant === 'gogs' ? 'Gogs' : variant === 'forgejo' ? 'Forgejo' : 'Gitea';
  const forgeOf = (repository: z.infer<typeof Repository>): ForgeRepo | null => {
    if (variant === 'gogs') return null;
    const apiUrl = forgeApiUrl(repository.html_url, repository.full_name, '/api/v1');
    return apiUrl ? { provider: 'gitea', apiUrl, fullName: repository.full_name } : null;
  };
  const push = (payload: unknown): HookEvent => {
    const p = payloadFields(Push, payload, 'push');
    const created = ZERO_SHA.test(p.before);
    const commits = p.commits ?? [];
    const complete = !created && (p.total_commits === undefined ? commits.length < MAX_LISTED_COMMITS : commits.length === p.total_commits);
    const head = p.head_commit ?? commits.find((c) => c.id === p.after);
    return {
      kind: 'push',
      ref: p.ref,
      before: created ? null : p.before,
      after: p.after,
      deleted: ZERO_SHA.test(p.after),
      message: head?.message ?? null,
      changedFiles: changedFilesOf(commits, complete),
      repo: forgeOf(p.repository),
    };
  };
  const pullRequest = (payload: unknown): HookEvent => {
    const p = payloadFields(PullRequest, payload, 'pull_request');
    const { head, base } = p.pull_request;
    const headRepo = head.repo_id ?? head.repo?.id;
    const baseRepo = base.repo_id ?? base.repo?.id;
    return {
      kind: 'pull_request',
      action: p.action === 'synchronized' ? 'synchronize' : p.action,
      number: p.number,
      ref: `refs/pull/${p.number}/head`,
      headSha: head.sha,
      headBranch: head.ref,
      baseBranch: base.ref,
      baseSha: base.sha,
      fromFork: headRepo === undefined || baseRepo === undefined || headRepo !== baseRepo,
      title: p.pull_request.title ?? null,
      repo: forgeOf(p.repository),
    };
  };
  return (event: string | undefined, payload: unknown): HookEvent => {
    if (event === 'push') return push(payload);
    if (event === 'pull_request') return pullRequest(payload);
    if (event !== undefined && OTHER_EVENTS.has(event)) return { kind: 'ignored', reason: `${label} event "${event}" starts no build` };
    throw new RitmoError('ERR_HOOK_UNSUPPORTED_EVENT', event === undefined ? `the delivery has no X-${label}-Event header` : `${label} sends no event "${event}"`);
  };
}

/**
 * Gitea, Forgejo and Gogs: the bare hex HMAC-SHA256 of the raw body in `X-Gitea-Signature`
 * (`X-Forgejo-Signature`, `X-Gogs-Signature`); event and delivery id in the matching headers.
 */
export function createGiteaProvider(variant: Variant): HookProvider {
  const label = variant === 'gogs' ? 'Gogs' : variant === 'forgejo' ? 'Forgejo' : 'Gitea';
  return {
    name: variant,
    secretHeaders: ['x-gitea-signature', 'x-forgejo-signature', 'x-gogs-signature', 'x-hub-signature', 'x-hub-signature-256', 'authorization'],
    deliveryId: (h) => header(variant, h, 'delivery'),
    eventName: (h) => header(variant, h, 'event'),
    verify({ headers, body, secret }) {
      verifyHexSignature({ header: `X-${label}-Signature`, value: header(variant, headers, 'signature'), prefix: '', secret, body });
    },
    normalize: createNormalizer(variant),
  };
}
