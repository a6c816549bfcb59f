import { randomBytes } from 'node:crypto';

/** A fresh lease token: 24 random bytes, base64url (32 characters). */
export function newLeaseToken(): string {
  return randomBytes(24).toString('base64url');
}
