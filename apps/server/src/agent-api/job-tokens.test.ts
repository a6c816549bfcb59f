import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobTokens, loadJobTokenKey } from './job-tokens.js';

describe('job tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ritmo-job-tokens-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ref = { jobId: 'j_1', attempt: 1, leaseToken: 'lease-a' };

  it('bind a token to one job, attempt and lease', async () => {
    const tokens = createJobTokens(await loadJobTokenKey({ secretKey: undefined, dataDir: dir }));
    const token = tokens.issue(ref);
    expect(token).toMatch(/^ritmojob_[A-Za-z0-9_-]{43}$/);
    expect(tokens.issue(ref)).toBe(token);
    expect(tokens.verify(token, ref)).toBe(true);
    expect(tokens.verify(token, { ...ref, attempt: 2 })).toBe(false);
    expect(tokens.verify(token, { ...ref, jobId: 'j_2' })).toBe(false);
    expect(tokens.verify(token, { ...ref, leaseToken: 'lease-b' })).toBe(false);
    expect(tokens.verify('ritmojob_short', ref)).toBe(false);
    expect(tokens.verify(token.replace('ritmojob_', 'ritmo_'), ref)).toBe(false);
  });

  it('keep the generated key in a 0600 file, and derive it from RITMO_SECRET_KEY when set', async () => {
    const a = await loadJobTokenKey({ secretKey: undefined, dataDir: dir });
    const b = await loadJobTokenKey({ secretKey: undefined, dataDir: dir });
    expect(a.equals(b)).toBe(true);
    expect(statSync(join(dir, 'job-token.key')).mode & 0o777).toBe(0o600);
    const secret = 'x'.repeat(64);
    const fromSecret = await loadJobTokenKey({ secretKey: secret, dataDir: join(dir, 'missing') });
    expect(fromSecret.equals(await loadJobTokenKey({ secretKey: secret, dataDir: dir }))).toBe(true);
    expect(fromSecret.equals(a)).toBe(false);
  });
});
