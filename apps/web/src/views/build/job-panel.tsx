import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isFinalStatus, type BuildDetail, type Job } from '@ritmo/client';
import { ErrorBox } from '../../components/error-box';
import { StatusBadge } from '../../components/status-badge';
import { elapsed } from '../../lib/format';
import { useRitmo } from '../../lib/ritmo-context';
import { LogPanel } from '../../log/log-panel';
import { WaitReason } from './wait-reason';

/** One job: its state, why it waits, retry or approve, its steps and its log. */
export function JobPanel({ job, build }: { job: Job; build: BuildDetail }) {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const setBuild = (b: BuildDetail): void => {
    queryClient.setQueryData(['build', build.id], b);
  };
  const retry = useMutation({ mutationFn: () => client.builds.retryJob(build.id, job.id), onSuccess: setBuild });
  const approve = useMutation({ mutationFn: () => client.jobs.approve(job.id), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['build', build.id] }) });
  const final = isFinalStatus(job.status);
  return (
    <section aria-labelledby="job-h" className="card space-y-3" data-testid="job-panel">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="job-h" className="text-lg font-semibold">
            {job.name} <StatusBadge status={job.status} className="ml-1 align-middle" />
          </h2>
          <p className="muted text-sm">
            attempt {job.attempt} · {elapsed(job.startedAt, job.finishedAt)}
            {job.exitCode !== null ? ` · exit code ${job.exitCode}` : ''}
            {job.reason && job.status !== 'waiting' ? ` · ${job.reason}` : ''}
            {job.runsOn.length ? ` · runs on ${job.runsOn.join(', ')}` : ''}
          </p>
        </div>
        <div className="flex gap-2">
          {job.status === 'waiting' ? (
            <button type="button" className="btn-primary" onClick={() => approve.mutate()} disabled={approve.isPending}>Approve</button>
          ) : null}
          {final ? (
            <button type="button" className="btn" onClick={() => retry.mutate()} disabled={retry.isPending}>Retry job</button>
          ) : null}
        </div>
      </div>
      {retry.error ?? approve.error ? <ErrorBox error={retry.error ?? approve.error} /> : null}
      <WaitReason job={job} build={build} />
      {job.steps.length > 0 ? (
        <ol className="flex flex-wrap gap-2 text-sm" aria-label="Steps">
          {job.steps.map((s) => (
            <li key={s.id} className="flex items-center gap-1 rounded border border-slate-200 px-2 py-0.5 dark:border-slate-700">
              <StatusBadge status={s.status} /> {s.name}
              <span className="muted text-xs">{elapsed(s.startedAt, s.finishedAt)}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <LogPanel key={`${job.id}:${job.attempt}`} job={{ id: job.id, buildId: build.id, attempt: job.attempt, status: job.status }} />
    </section>
  );
}
