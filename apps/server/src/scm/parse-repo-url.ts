import { isAbsolute } from 'node:path';
import { RitmoError } from '@ritmo/shared';

export type RepoUrlKind = 'https' | 'http' | 'ssh' | 'file' | 'path';

export interface RepoUrl {
  kind: RepoUrlKind;
  url: string;
  /** `https://host[:port]` for http(s) URLs: credentials are scoped to it. */
  origin?: string;
  host?: string;
}

/** `user@host:path` (scp-like ssh); a Windows drive letter is not a host. */
const SCP_LIKE = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]{2,}):(?![:/]{2})([^:].*)$/;

/**
 * Classifies a repository URL: https or http, ssh (`ssh://` or `user@host:path`), `file://` or an
 * absolute local path. Anything else (relative paths, `ext::`, option-like text) is
 * ERR_SCM_UNSUPPORTED_URL.
 */
export function parseRepoUrl(url: string): RepoUrl {
  const fail = (): never => {
    throw new RitmoError('ERR_SCM_UNSUPPORTED_URL', `"${url}" is not an https, http, ssh, file:// URL or an absolute path`, {
      suggestions: ['https://host/owner/repo.git', 'git@host:owner/repo.git', '/srv/git/repo.git'],
    });
  };
  // `transport::address` runs a remote helper: never.
  if (url.trim() !== url || url === '' || url.startsWith('-') || url.includes('::')) return fail();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return fail();
    }
    const scheme = parsed.protocol.slice(0, -1).toLowerCase();
    if (scheme === 'https' || scheme === 'http') return { kind: scheme, url, origin: parsed.origin, host: parsed.hostname };
    if (scheme === 'ssh') return { kind: 'ssh', url, host: parsed.hostname };
    if (scheme === 'file') return { kind: 'file', url };
    return fail();
  }
  if (isAbsolute(url)) return { kind: 'path', url };
  const scp = SCP_LIKE.exec(url);
  if (scp?.[1] !== undefined) return { kind: 'ssh', url, host: scp[1] };
  return fail();
}
