import { mkdtempSync, rmSync, statSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitAuth, tokenAuthEnv } from './create-git-auth.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ritmo-auth-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const secrets: Record<string, Record<string, string>> = {
  p_https: { GIT_TOKEN: 'tok-123\n' },
  p_ssh: { GIT_SSH_KEY: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----' },
};
const auth = createGitAuth({ dataDir, readSecret: (projectId, name) => Promise.resolve(secrets[projectId]?.[name]) });

describe('git credentials from project secrets', () => {
  it('scopes an https token to the repository origin, through GIT_CONFIG_* (never argv)', async () => {
    const got = await auth('p_https', 'https://git.example.com/o/r.git');
    expect(got?.env).toEqual(tokenAuthEnv('https://git.example.com', 'x-access-token', 'tok-123'));
    expect(got?.env['GIT_CONFIG_KEY_0']).toBe('http.https://git.example.com/.extraHeader');
    expect(Buffer.from((got?.env['GIT_CONFIG_VALUE_0'] ?? '').replace('Authorization: Basic ', ''), 'base64').toString()).toBe('x-access-token:tok-123');
  });

  it('writes an ssh key to a 0600 file for one call and removes it after', async () => {
    const got = await auth('p_ssh', 'git@git.example.com:o/r.git');
    const keyFile = /-i '([^']+)'/.exec(got?.env['GIT_SSH_COMMAND'] ?? '')?.[1] ?? '';
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').endsWith('-----\n')).toBe(true);
    expect(got?.env['GIT_SSH_COMMAND']).toContain('StrictHostKeyChecking=accept-new');
    await got?.cleanup();
    expect(existsSync(keyFile)).toBe(false);
  });

  it('needs nothing for local repositories or projects without credentials', async () => {
    expect(await auth('p_https', '/srv/git/r.git')).toBeUndefined();
    expect(await auth('p_none', 'https://git.example.com/o/r.git')).toBeUndefined();
  });
});
