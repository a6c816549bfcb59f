import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

/**
 * `hashFiles(...patterns)` over a workspace, with GitHub's semantics: patterns are globs relative to
 * the workspace (`**` crosses directories, dot files match, `!pattern` excludes what earlier patterns
 * matched), only files inside the workspace count, and the result is the hex sha256 of the matching
 * files' sha256 digests in path order; the empty string when nothing matches.
 *
 * Synchronous because expression evaluation is.
 */
export function createHashFiles(workspace: string): (patterns: string[]) => string {
  return (patterns) => {
    const rules = patterns
      .map((raw) => raw.trim())
      .filter((raw) => raw !== '' && raw !== '!')
      .map((raw) => {
        const negated = raw.startsWith('!');
        const pattern = toRelative(workspace, negated ? raw.slice(1) : raw);
        return { negated, pattern, match: pattern === undefined ? () => false : picomatch(pattern, { dot: true }) };
      });
    const candidates = new Set<string>();
    for (const rule of rules) {
      if (rule.negated || rule.pattern === undefined) continue;
      for (const file of walk(workspace, picomatch.scan(rule.pattern).base)) candidates.add(file);
    }
    const files = [...candidates]
      .filter((file) => rules.reduce((included, rule) => (rule.match(file) ? !rule.negated : included), false))
      .sort();
    if (files.length === 0) return '';
    const total = createHash('sha256');
    for (const file of files) total.update(sha256File(join(workspace, file)));
    return total.digest('hex');
  };
}

/** The pattern relative to the workspace in `/` form, or undefined when it points outside. */
function toRelative(workspace: string, pattern: string): string | undefined {
  const rel = isAbsolute(pattern) ? relative(workspace, pattern) : pattern;
  const posix = rel.split(sep).join('/').replace(/^\.\//, '');
  if (posix === '..' || posix.startsWith('../') || posix.includes('/../') || isAbsolute(posix)) return undefined;
  return posix;
}

/** Workspace-relative paths of the files at or under `base`; symlinked directories are not followed. */
function* walk(workspace: string, base: string): Generator<string> {
  const start = join(workspace, base);
  const info = statSync(start, { throwIfNoEntry: false });
  if (info === undefined) return;
  if (info.isFile()) {
    yield base;
    return;
  }
  const stack = [base];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(join(workspace, dir), { withFileTypes: true })) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) stack.push(rel);
      else if (entry.isFile()) yield rel;
      else if (entry.isSymbolicLink() && statSync(join(workspace, rel), { throwIfNoEntry: false })?.isFile()) yield rel;
    }
  }
}

function sha256File(path: string): Buffer {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(64 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest();
}
