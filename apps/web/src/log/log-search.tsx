import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { LogSearchMatch, RitmoClient } from '@ritmo/client';
import { ErrorBox } from '../components/error-box';
import { LogLine } from './log-line';
import { parseAnsi } from './parse-ansi';

/** Searches the job's whole log on the server and lists the matching lines; choosing one jumps to it. */
export function LogSearch({ client, jobId, attempt, onTerm, onPick }: { client: RitmoClient; jobId: string; attempt: number; onTerm(term: string): void; onPick(match: LogSearchMatch): void }) {
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<LogSearchMatch[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const search = useMutation({
    mutationFn: (cursor?: string) => client.jobs.searchLog(jobId, { q, attempt, limit: 100, ...(cursor ? { cursor } : {}) }),
    onSuccess: (result, cursor) => {
      setMatches((old) => (cursor ? [...old, ...result.matches] : result.matches));
      setNext(result.next);
      if (!cursor && result.matches[0]) onPick(result.matches[0]);
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!q.trim()) return;
    onTerm(q);
    search.mutate(undefined);
  };
  return (
    <div className="space-y-2">
      <form role="search" onSubmit={submit} className="flex gap-2">
        <label htmlFor="log-search" className="sr-only">Search the whole log</label>
        <input id="log-search" type="search" className="input" placeholder="Search the whole log" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="btn" disabled={search.isPending}>Search</button>
      </form>
      {search.error ? <ErrorBox error={search.error} title="Search failed" /> : null}
      {search.isSuccess || matches.length > 0 ? (
        <div>
          <p className="muted text-xs" role="status" data-testid="search-count">
            {matches.length === 0 ? 'No matches.' : `${matches.length}${next ? '+' : ''} matching line${matches.length === 1 ? '' : 's'}`}
          </p>
          <ul className="max-h-48 overflow-auto font-mono text-xs" aria-label="Search results">
            {matches.map((m) => (
              <li key={m.offset}>
                <button type="button" className="w-full truncate rounded px-1 py-0.5 text-left hover:bg-slate-200 dark:hover:bg-slate-800" onClick={() => onPick(m)} data-testid="search-result">
                  <span className="muted mr-2">L{m.line}</span>
                  <LogLine spans={parseAnsi(m.text)} highlight={q} />
                </button>
              </li>
            ))}
          </ul>
          {next ? (
            <button type="button" className="btn mt-1" onClick={() => search.mutate(next)} disabled={search.isPending}>
              More results
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
