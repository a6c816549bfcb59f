import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toError } from '@ritmo/shared';
import type { LeaseRef } from '@ritmo/store';

const PREFIX = 'ritmojob_';

export interface JobTokens {
  /** The job token of one claim: bound to its job, attempt and lease token. */
  issue(ref: LeaseRef): string;
  /** True when `token` is the job token of exactly this claim. */
  verify(token: string, ref: LeaseRef): boolean;
}

/**
 * Job tokens are an HMAC of (job, attempt, lease token) under a server key: the same claim always
 * gets the same token (so a repeated claim answer is identical), a new attempt or lease gets another
 * one, and nothing about them is stored, so the database alone cannot forge one.
 */
export function createJobTokens(key: Buffer): JobTokens {
  const mac = (ref: LeaseRef): Buffer => createHmac('sha256', key).update(`${ref.jobId}\n${ref.attempt}\n${ref.leaseToken}`).digest();
  return {
    issue: (ref) => PREFIX + mac(ref).toString('base64url'),
    verify(token, ref) {
      if (!token.startsWith(PREFIX)) return false;
      const given = Buffer.from(token.slice(PREFIX.length), 'base64url');
      const expected = mac(ref);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/**
 * The key job tokens are signed with. Derived from RITMO_SECRET_KEY when set (every server instance
 * of a cluster then agrees); otherwise a random key kept in `<dataDir>/job-token.key` (mode 0600),
 * which suits the single SQLite instance.
 */
export async function loadJobTokenKey(options: { secretKey: string | undefined; dataDir: string }): Promise<Buffer> {
  if (options.secretKey !== undefined) return createHmac('sha256', 'ritmo job tokens').update(options.secretKey).digest();
  const path = join(options.dataDir, 'job-token.key');
  const fresh = randomBytes(32).toString('hex');
  try {
    await writeFile(path, `${fresh}\n`, { flag: 'wx', mode: 0o600 });
    return Buffer.from(fresh, 'hex');
  } catch (e: unknown) {
    if ((toError(e) as NodeJS.ErrnoException).code !== 'EEXIST') throw toError(e);
  }
  return Buffer.from((await readFile(path, 'utf8')).trim(), 'hex');
}
