import { useEffect, useState } from 'react';
import type { LogSearchMatch } from '@ritmo/client';
import { ErrorBox } from '../components/error-box';
import { useRitmo } from '../lib/ritmo-context';
import { LogSearch } from './log-search';
import { LogViewer } from './log-viewer';
import { useJobLog, type JobRef } from './use-job-log';
import { useLogTimes } from './use-log-times';

const lineFromHash = (): number | undefined => {
  const m = /^#L(\d+)$/.exec(window.location.hash);
  return m ? Number(m[1]) - 1 : undefined;
};

/** A job's log with its tools: follow, jump, fold, timestamps, server-side search, download. */
export function LogPanel({ job }: { job: JobRef }) {
  const client = useRitmo();
  const log = useJobLog(client, job);
  const [follow, setFollow] = useState(() => lineFromHash() === undefined);
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set());
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [jump, setJump] = useState<{ line: number; nonce: number } | undefined>(undefined);
  const [times, setTimes] = useState(false);
  const [term, setTerm] = useState('');
  const [pendingJump, setPendingJump] = useState<{ offset?: number; line?: number } | undefined>(() => {
    const line = lineFromHash();
    return line === undefined ? undefined : { line };
  });
  const timeOf = useLogTimes(client, job.id, job.attempt, times, log.buffer.end);

  useEffect(() => {
    setFolded(new Set());
    setSelected(undefined);
  }, [job.id, job.attempt]);

  // Jumps wait until the lines they name are loaded (line numbers are known once the backfill is done).
  useEffect(() => {
    if (!pendingJump || log.backfilling) return;
    const { buffer } = log;
    if (buffer.lineCount === 0) return;
    const line = pendingJump.offset !== undefined ? buffer.lineAt(pendingJump.offset) : Math.min(pendingJump.line ?? 0, buffer.lineCount - 1);
    setPendingJump(undefined);
    setFolded((f) => new Set([...f].filter((start) => !log.sections.some((s) => s.start === start && line > s.start && (s.end === -1 || line <= s.end)))));
    setSelected(line);
    setJump({ line, nonce: Date.now() });
  }, [pendingJump, log]);

  const pick = (m: LogSearchMatch): void => {
    window.history.replaceState(null, '', `#L${m.line}`);
    setPendingJump({ offset: m.offset });
  };
  const toggleFold = (start: number): void => {
    const next = new Set(folded);
    if (next.has(start)) next.delete(start);
    else next.add(start);
    setFolded(next);
  };
  const toEnd = (): void => setFollow(true);
  const toStart = (): void => {
    setFollow(false);
    setJump({ line: 0, nonce: Date.now() });
  };

  return (
    <section aria-label="Log" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn" aria-pressed={follow} onClick={() => (follow ? setFollow(false) : toEnd())}>
          {follow ? 'Following' : 'Follow'}
        </button>
        <button type="button" className="btn" onClick={toEnd}>Jump to end</button>
        <button type="button" className="btn" onClick={toStart}>Jump to start</button>
        <button type="button" className="btn" aria-pressed={times} onClick={() => setTimes((t) => !t)}>Timestamps</button>
        {log.sections.length > 0 ? (
          <>
            <button type="button" className="btn" onClick={() => setFolded(new Set(log.sections.map((s) => s.start)))}>Fold all</button>
            <button type="button" className="btn" onClick={() => setFolded(new Set())}>Unfold all</button>
          </>
        ) : null}
        <a className="btn" href={client.jobs.logDownloadUrl(job.id, job.attempt)} download>
          Download raw log
        </a>
        <span className="muted text-xs" role="status" data-testid="log-status">
          {log.buffer.lineCount.toLocaleString('en')} lines
          {log.backfilling ? ' · loading earlier lines…' : ''}
          {log.complete ? ' · complete' : ' · live'}
        </span>
      </div>
      <LogSearch client={client} jobId={job.id} attempt={job.attempt} onTerm={setTerm} onPick={pick} />
      {log.error ? <ErrorBox error={log.error} title="Could not load the log" /> : null}
      <LogViewer
        buffer={log.buffer}
        version={log.version}
        sections={log.sections}
        folded={folded}
        onToggleFold={toggleFold}
        lineNumbers={!log.backfilling && log.buffer.start === 0}
        selectedLine={selected}
        onSelectLine={setSelected}
        follow={follow}
        onFollowChange={setFollow}
        jump={jump}
        timeOf={timeOf}
        highlight={term || undefined}
      />
    </section>
  );
}
