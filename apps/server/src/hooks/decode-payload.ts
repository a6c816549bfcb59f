import { RitmoError } from '@ritmo/shared';

/**
 * The JSON payload of a delivery: the body itself, or (GitHub's `application/x-www-form-urlencoded`
 * content type) the `payload` form field. ERR_HOOK_MALFORMED_PAYLOAD when it is not JSON.
 */
export function decodePayload(body: Buffer, contentType: string | undefined): unknown {
  let text = body.toString('utf8');
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const field = new URLSearchParams(text).get('payload');
    if (field === null) throw new RitmoError('ERR_HOOK_MALFORMED_PAYLOAD', 'the form-encoded delivery has no "payload" field');
    text = field;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RitmoError('ERR_HOOK_MALFORMED_PAYLOAD', 'the delivery body is not valid JSON', { suggestions: ['send the webhook with content type application/json'] });
  }
}
