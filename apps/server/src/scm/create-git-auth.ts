import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitAuth, GitAuthProvider } from '../pipelines/create-repo-mirror.js';
import { parseRepoUrl } from './parse-repo-url.js';
import { SCM_SECRETS, type ProjectSecretReader } from './project-secret-reader.js';

const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * Git environment for an http(s) token: an Authorization header scoped to the repository's origin,
 * passed as GIT_CONFIG_* variables so it never shows on a command line.
 */
export function tokenAuthEnv(origin: string, username: string, token: string): Record<string, string> {
  const basic = Buffer.from(`${username}:${token}`).toString('base64');
  return { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: `http.${origin}/.extraHeader`, GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` };
}

/**
 * Credentials for the mirrors from project secrets: GIT_TOKEN (with GIT_USERNAME) for http(s)
 * repositories, GIT_SSH_KEY for ssh ones (written to a 0600 file for the duration of one git call,
 * with host keys pinned on first use in `<dataDir>/ssh/known_hosts`). Local repositories need none.
 */
export function createGitAuth(deps: { dataDir: string; readSecret: ProjectSecretReader }): GitAuthProvider {
  const sshDir = join(deps.dataDir, 'ssh');
  return async (projectId, repoUrl): Promise<GitAuth | undefined> => {
    const url = parseRepoUrl(repoUrl);
    if ((url.kind === 'https' || url.kind === 'http') && url.origin !== undefined) {
      const token = await deps.readSecret(projectId, SCM_SECRETS.gitToken);
      if (token === undefined) return undefined;
      const username = (await deps.readSecret(projectId, SCM_SECRETS.gitUsername)) ?? 'x-access-token';
      return { env: tokenAuthEnv(url.origin, username, token.trim()), cleanup: async () => undefined };
    }
    if (url.kind === 'ssh') {
      const key = await deps.readSecret(projectId, SCM_SECRETS.gitSshKey);
      await mkdir(sshDir, { recursive: true, mode: 0o700 });
      const knownHosts = join(sshDir, 'known_hosts');
      const base = `ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=${quote(knownHosts)}`;
      if (key === undefined) return { env: { GIT_SSH_COMMAND: base }, cleanup: async () => undefined };
      const keyFile = join(sshDir, `key-${randomBytes(8).toString('hex')}`);
      await writeFile(keyFile, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600 });
      return {
        env: { GIT_SSH_COMMAND: `${base} -o IdentitiesOnly=yes -i ${quote(keyFile)}` },
        cleanup: () => rm(keyFile, { force: true }),
      };
    }
    return undefined;
  };
}
