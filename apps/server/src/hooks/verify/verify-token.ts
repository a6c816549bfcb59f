import { RitmoError } from '@ritmo/shared';
import { constantTimeEqual } from './constant-time-equal.js';

/** GitLab's classic secret token: sent verbatim in a header, compared in constant time (no HMAC). */
export function verifyToken(header: string, value: string | undefined, secret: string): void {
  if (value === undefined || value === '') {
    throw new RitmoError('ERR_HOOK_SIGNATURE_MISSING', `the delivery has no ${header} header`, { details: { header } });
  }
  if (!constantTimeEqual(value, secret)) {
    throw new RitmoError('ERR_HOOK_SIGNATURE_INVALID', `${header} does not match the project's webhook secret`, { details: { header } });
  }
}
