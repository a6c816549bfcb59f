/** How long ago an instant was, coarsely: `12s ago`, `5m ago`, `3h ago`, `2d ago`; `-` for none. */
export function formatAge(at: string | null, now: number): string {
  if (at === null) return '-';
  const s = Math.max(0, Math.floor((now - Date.parse(at)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}
