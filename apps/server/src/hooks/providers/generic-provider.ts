import { z } from 'zod';
import { RitmoError } from '@ritmo/shared';
import { ZERO_SHA, type HookEvent } from '../hook-event.js';
import { verifyHexSignature } from '../verify/verify-hex-signature.js';
import type { HookProvider } from './hook-provider.js';
import { payloadFields } from './payload-fields.js';

const Sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'must be a full commit sha');

const Push = z.object({
  ref: z.string().min(1),
  sha: Sha,
  before: Sha.optional(),
  message: z.string().optional(),
  changedFiles: z.array(z.string()).optional(),
  deleted: z.boolean().optional(),
});

const PullRequest = z.object({
  action: z.string().min(1),
  number: z.number().int().min(1),
  sha: Sha,
  headBranch: z.string().min(1),
  baseBranch: z.string().min(1),
  baseSha: Sha.optional(),
  /** Clone URLs (or any stable names) of both repositories; they differ for a fork. */
  headRepo: z.string().min(1),
  baseRepo: z.string().min(1),
  title: z.string().optional(),
});

function fullRef(ref: string, kind: 'heads' | 'tags'): string {
  return ref.startsWith('refs/') ? ref : `refs/${kind}/${ref}`;
}

function push(payload: unknown, event: 'push' | 'tag'): HookEvent {
  const p = payloadFields(Push, payload, event);
  return {
    kind: 'push',
    ref: fullRef(p.ref, event === 'tag' ? 'tags' : 'heads'),
    before: p.before === undefined || ZERO_SHA.test(p.before) ? null : p.before,
    after: p.sha,
    deleted: p.deleted === true || ZERO_SHA.test(p.sha),
    message: p.message ?? null,
    changedFiles: p.changedFiles ? [...new Set(p.changedFiles)].sort() : null,
    repo: null,
  };
}

function pullRequest(payload: unknown): HookEvent {
  const p = payloadFields(PullRequest, payload, 'pull_request');
  return {
    kind: 'pull_request',
    action: p.action,
    number: p.number,
    ref: `refs/pull/${p.number}/head`,
    headSha: p.sha,
    headBranch: p.headBranch,
    baseBranch: p.baseBranch,
    baseSha: p.baseSha ?? null,
    fromFork: p.headRepo !== p.baseRepo,
    title: p.title ?? null,
    repo: null,
  };
}

/**
 * For any sender that can sign: `X-Ritmo-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, the
 * event in `X-Ritmo-Event` (push, tag, pull_request, ping) and a delivery id in `X-Ritmo-Delivery`
 * or `Idempotency-Key`. The payload format is in docs/triggers.md.
 */
export const genericProvider: HookProvider = {
  name: 'generic',
  secretHeaders: ['x-ritmo-signature'],
  deliveryId: (h) => h['x-ritmo-delivery'] ?? h['idempotency-key'],
  eventName: (h) => h['x-ritmo-event'],
  verify({ headers, body, secret }) {
    verifyHexSignature({ header: 'X-Ritmo-Signature', value: headers['x-ritmo-signature'], prefix: 'sha256=', secret, body });
  },
  normalize(event, payload) {
    if (event === 'push' || event === 'tag') return push(payload, event);
    if (event === 'pull_request') return pullRequest(payload);
    if (event === 'ping') return { kind: 'ping' };
    throw new RitmoError('ERR_HOOK_UNSUPPORTED_EVENT', event === undefined ? 'the delivery has no X-Ritmo-Event header' : `X-Ritmo-Event "${event}" is not push, tag, pull_request or ping`);
  },
};
