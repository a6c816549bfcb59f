// Test-only helpers (excluded from the build): sign payloads the way each forge does.
import { createHmac, randomUUID } from 'node:crypto';

export const HOOK_SECRET = "It's a Secret to Everybody";

export const hmacHex = (body: string | Buffer, secret = HOOK_SECRET): string => createHmac('sha256', secret).update(body).digest('hex');

/** Headers of a GitHub delivery of `body` (signed unless `sign` is false). */
export function githubHeaders(event: string, body: string | Buffer, options: { id?: string; secret?: string } = {}): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/test',
    'x-github-event': event,
    'x-github-delivery': options.id ?? randomUUID(),
    'x-hub-signature-256': `sha256=${hmacHex(body, options.secret)}`,
  };
}

export function giteaHeaders(event: string, body: string | Buffer, id = randomUUID()): Record<string, string> {
  return { 'content-type': 'application/json', 'x-gitea-event': event, 'x-gitea-delivery': id, 'x-gitea-signature': hmacHex(body) };
}

export function gitlabHeaders(event: string, id = randomUUID()): Record<string, string> {
  return { 'content-type': 'application/json', 'x-gitlab-event': event, 'x-gitlab-event-uuid': id, 'x-gitlab-token': HOOK_SECRET };
}

export function genericHeaders(event: string, body: string | Buffer, id = randomUUID()): Record<string, string> {
  return { 'content-type': 'application/json', 'x-ritmo-event': event, 'x-ritmo-delivery': id, 'x-ritmo-signature': `sha256=${hmacHex(body)}` };
}
