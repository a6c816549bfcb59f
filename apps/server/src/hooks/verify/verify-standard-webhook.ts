import { RitmoError } from '@ritmo/shared';
import { constantTimeEqual } from './constant-time-equal.js';
import { hmacSha256 } from './hmac-sha256.js';

/** How far a signed timestamp may be from the server clock. */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

export interface StandardWebhookCheck {
  id: string | undefined;
  timestamp: string | undefined;
  /** `v1,<base64>`, possibly several separated by spaces. */
  signature: string | undefined;
  /** `whsec_<base64 key>`; any other secret is used as UTF-8 bytes. */
  secret: string;
  body: Buffer;
  now: number;
}

function keyOf(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

/**
 * The Standard Webhooks scheme (GitLab signing tokens): HMAC-SHA256 over `{id}.{timestamp}.{body}`,
 * base64, in `webhook-signature` as `v1,<sig>`. The timestamp must be within five minutes of now.
 */
export function verifyStandardWebhook(check: StandardWebhookCheck): void {
  if (!check.id || !check.timestamp || !check.signature) {
    throw new RitmoError('ERR_HOOK_SIGNATURE_MISSING', 'a signed delivery needs webhook-id, webhook-timestamp and webhook-signature headers');
  }
  if (!/^\d{1,12}$/.test(check.timestamp)) throw new RitmoError('ERR_HOOK_SIGNATURE_INVALID', 'webhook-timestamp is not unix seconds');
  const sentAt = Number(check.timestamp) * 1000;
  if (Math.abs(check.now - sentAt) > TIMESTAMP_TOLERANCE_MS) {
    throw new RitmoError('ERR_HOOK_TIMESTAMP_STALE', `webhook-timestamp ${new Date(sentAt).toISOString()} is more than 5 minutes from the server clock`);
  }
  const signed = Buffer.concat([Buffer.from(`${check.id}.${check.timestamp}.`), check.body]);
  const expected = hmacSha256(keyOf(check.secret), signed);
  const candidates = check.signature.split(' ').filter((s) => s.startsWith('v1,'));
  if (candidates.length === 0) throw new RitmoError('ERR_HOOK_SIGNATURE_MISSING', 'webhook-signature has no v1 signature');
  const ok = candidates.map((c) => Buffer.from(c.slice(3), 'base64')).some((sig) => constantTimeEqual(sig, expected));
  if (!ok) throw new RitmoError('ERR_HOOK_SIGNATURE_INVALID', "webhook-signature does not match the body signed with the project's signing token");
}
