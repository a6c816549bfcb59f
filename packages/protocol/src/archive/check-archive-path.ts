import { RitmoError } from '@ritmo/shared';

export type UnsafeReason =
  | 'empty'
  | 'nul'
  | 'backslash'
  | 'absolute'
  | 'dot-dot'
  | 'too-long'
  | 'link-escapes-root'
  | 'link-through-link'
  | 'below-symlink'
  | 'hardlink-target'
  | 'special-file'
  | 'replaces-link';

export function unsafeEntry(path: string, reason: UnsafeReason, message: string): RitmoError {
  return new RitmoError('ERR_ARTIFACT_UNSAFE_ENTRY', `archive entry "${path.replace(/[\u0000-\u001f]/g, '?').slice(0, 300)}" refused: ${message}`, {
    details: { path: path.replace(/\u0000/g, '\\0').slice(0, 300), reason },
  });
}

/**
 * An archive path as the components of a path under the root: `./a//b/` is `['a', 'b']`. Refuses
 * what could point anywhere else or mean different things on different systems: NUL, backslashes,
 * absolute paths (`/x`, `C:x`) and `..` anywhere. Never touches the filesystem.
 */
export function archivePathParts(raw: string, maxBytes: number): string[] {
  if (raw.includes('\u0000')) throw unsafeEntry(raw, 'nul', 'it contains a NUL character');
  if (raw.includes('\\')) throw unsafeEntry(raw, 'backslash', 'it contains a backslash');
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw unsafeEntry(raw, 'absolute', 'it is an absolute path');
  if (new TextEncoder().encode(raw).length > maxBytes) throw unsafeEntry(raw, 'too-long', `it is longer than ${maxBytes} bytes`);
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafeEntry(raw, 'dot-dot', 'it has a ".." component');
  if (parts.length === 0) throw unsafeEntry(raw, 'empty', 'it names no path');
  return parts;
}
