import { useEffect, useMemo, useState } from 'react';
import type { RitmoClient } from '@ritmo/client';

/**
 * When each part of a log reached the server, loaded while `enabled` and refreshed as the log grows,
 * as a lookup from a byte offset to a clock time (`12:34:56.789`).
 */
export function useLogTimes(client: RitmoClient, jobId: string, attempt: number, enabled: boolean, logEnd: number) {
  const [parts, setParts] = useState<{ offset: number; at: number }[]>([]);
  const last = parts[parts.length - 1]?.offset ?? -1;
  useEffect(() => {
    if (!enabled || logEnd <= last + 1) return;
    const abort = new AbortController();
    void (async () => {
      const found: { offset: number; at: number }[] = [];
      let from = Math.max(0, last + 1);
      for (;;) {
        const page = await client.jobs.logTimes(jobId, { from, attempt, signal: abort.signal });
        const fresh = page.parts.filter((p) => p.offset > last && !found.some((f) => f.offset === p.offset));
        found.push(...fresh.map((p) => ({ offset: p.offset, at: Date.parse(p.at) })));
        if (page.parts.length < 5000 || fresh.length === 0) break;
        from = (page.parts[page.parts.length - 1]?.offset ?? from) + 1;
      }
      if (!abort.signal.aborted && found.length > 0) setParts((old) => [...old, ...found].sort((a, b) => a.offset - b.offset));
    })().catch(() => undefined);
    return () => abort.abort();
  }, [client, jobId, attempt, enabled, logEnd, last]);
  useEffect(() => setParts([]), [jobId, attempt]);
  return useMemo(() => {
    if (!enabled || parts.length === 0) return undefined;
    return (offset: number): string | undefined => {
      let lo = 0;
      let hi = parts.length - 1;
      if ((parts[0]?.offset ?? 0) > offset) return undefined;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((parts[mid]?.offset ?? 0) <= offset) lo = mid;
        else hi = mid - 1;
      }
      const at = parts[lo]?.at;
      return at === undefined ? undefined : new Date(at).toISOString().slice(11, 23);
    };
  }, [enabled, parts]);
}
