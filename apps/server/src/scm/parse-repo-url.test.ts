import { describe, expect, it } from 'vitest';
import { parseRepoUrl } from './parse-repo-url.js';

describe('parseRepoUrl', () => {
  it.each([
    ['https://github.com/o/r.git', 'https', 'https://github.com'],
    ['http://git.local:3000/o/r', 'http', 'http://git.local:3000'],
    ['ssh://git@host:2222/o/r.git', 'ssh', undefined],
    ['git@github.com:o/r.git', 'ssh', undefined],
    ['file:///srv/git/r.git', 'file', undefined],
    ['/srv/git/r.git', 'path', undefined],
  ])('%s is %s', (url, kind, origin) => {
    const parsed = parseRepoUrl(url);
    expect(parsed.kind).toBe(kind);
    expect(parsed.origin).toBe(origin);
  });

  it.each(['relative/path', 'ext::sh -c touch% /tmp/x', '-uhttps://x', 'ftp://host/r', ' https://x/r', ''])('refuses %j', (url) => {
    expect(() => parseRepoUrl(url)).toThrow(expect.objectContaining({ code: 'ERR_SCM_UNSUPPORTED_URL' }));
  });
});
