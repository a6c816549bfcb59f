import { createHmac } from 'node:crypto';

/** HMAC-SHA256 of the raw body bytes, keyed with the secret as UTF-8 (GitHub, Gitea, Forgejo, Gogs, generic). */
export function hmacSha256(secret: string | Buffer, body: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}
