/** `1h 2m`, `3m 4s`, `5.2s`, `120ms`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** How long something ran: from start to finish, or to now while it runs. */
export function elapsed(startedAt: string | null, finishedAt: string | null, now: number = Date.now()): string {
  if (!startedAt) return '–';
  const end = finishedAt ? Date.parse(finishedAt) : now;
  return formatMs(end - Date.parse(startedAt));
}

/** `just now`, `5 min ago`, `3 h ago`, `2 d ago`, then the date. */
export function timeAgo(iso: string | null, now: number = Date.now()): string {
  if (!iso) return '–';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 30 * 86_400) return `${Math.round(s / 86_400)} d ago`;
  return new Date(iso).toISOString().slice(0, 10);
}

export function shortSha(sha: string | null): string {
  return sha ? sha.slice(0, 8) : '–';
}

/** `sha256:0123abcd…` shortened to its first 12 hex digits. */
export function shortDigest(digest: string | null): string {
  return digest ? digest.replace(/^sha256:/, '').slice(0, 12) : '–';
}

/** `512 B`, `1.5 KiB`, `3.2 MiB`, `1.1 GiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
