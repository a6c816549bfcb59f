import { RitmoError } from '@ritmo/shared';
import { constantTimeEqual } from './constant-time-equal.js';
import { hmacSha256 } from './hmac-sha256.js';

export interface HexSignatureCheck {
  /** Header name, for messages. */
  header: string;
  /** The header value as received, or undefined when absent. */
  value: string | undefined;
  /** `sha256=` for GitHub-style headers, '' for the bare hex of Gitea, Forgejo and Gogs. */
  prefix: string;
  secret: string;
  body: Buffer;
}

const HEX_256 = /^[0-9a-f]{64}$/;

/**
 * Checks a hex HMAC-SHA256 signature of the raw body. A missing or empty header is
 * ERR_HOOK_SIGNATURE_MISSING; a malformed one (wrong prefix, wrong length, not hex) or a wrong one is
 * ERR_HOOK_SIGNATURE_INVALID. The comparison is constant-time.
 */
export function verifyHexSignature(check: HexSignatureCheck): void {
  const value = check.value?.trim();
  if (value === undefined || value === '' || value === check.prefix) {
    throw new RitmoError('ERR_HOOK_SIGNATURE_MISSING', `the delivery has no ${check.header} header`, { details: { header: check.header } });
  }
  const hex = value.startsWith(check.prefix) ? value.slice(check.prefix.length).toLowerCase() : undefined;
  if (hex === undefined || !HEX_256.test(hex)) {
    throw new RitmoError('ERR_HOOK_SIGNATURE_INVALID', `${check.header} is not ${check.prefix}<64 hex digits>`, { details: { header: check.header } });
  }
  const expected = hmacSha256(check.secret, check.body);
  if (!constantTimeEqual(Buffer.from(hex, 'hex'), expected)) {
    throw new RitmoError('ERR_HOOK_SIGNATURE_INVALID', `${check.header} does not match the body signed with the project's webhook secret`, {
      details: { header: check.header },
      suggestions: ['check that the webhook secret on the forge equals the project secret WEBHOOK_SECRET'],
    });
  }
}
