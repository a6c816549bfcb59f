/**
 * The API root of a forge, from a repository URL the payload gives and the repository's full name:
 * `https://api.github.com/repos/o/r` -> `https://api.github.com`; `https://git.example.com/o/r` with
 * suffix `/api/v1` -> `https://git.example.com/api/v1`. Undefined when the URL does not end with the name.
 */
export function forgeApiUrl(repoUrl: string | undefined | null, trailing: string, suffix = ''): string | undefined {
  if (!repoUrl) return undefined;
  const clean = repoUrl.replace(/\/+$/, '').replace(/\.git$/, '');
  if (!clean.endsWith(`/${trailing}`)) return undefined;
  return `${clean.slice(0, -trailing.length - 1)}${suffix}`;
}
