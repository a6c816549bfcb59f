import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { StatusBadge } from '../components/status-badge';
import { timeAgo } from '../lib/format';
import { useRitmo } from '../lib/ritmo-context';
import { useMe } from '../lib/use-me';

/** The fleet: status, labels, capacity and running jobs of every agent; drain one. */
export function AgentsView() {
  const client = useRitmo();
  const me = useMe();
  const queryClient = useQueryClient();
  const agents = useQuery({ queryKey: ['agents'], queryFn: ({ signal }) => client.agents.list({ limit: 200 }, signal) });
  const drain = useMutation({ mutationFn: (id: string) => client.agents.drain(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['agents'] }) });
  return (
    <div>
      <PageHeader title="Agents" subtitle="Refreshed when builds start and finish" />
      {drain.error ? <ErrorBox error={drain.error} title="Could not drain the agent" /> : null}
      {agents.isPending ? <Loading /> : agents.error ? <ErrorBox error={agents.error} /> : agents.data.items.length === 0 ? (
        <p className="muted">No agents registered. Create a registration token in Settings and start one with <code>ritmo agent --server URL --token T</code>.</p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {agents.data.items.map((a) => (
            <li key={a.id} className="card" data-testid="agent">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">{a.name}</h2>
                <div className="flex items-center gap-2">
                  <StatusBadge status={a.status} />
                  {a.draining ? <span className="text-xs font-semibold text-amber-800 dark:text-amber-300">draining</span> : null}
                </div>
              </div>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="muted">Capacity</dt>
                <dd>{a.runningJobs.length} of {a.capacity} slots in use</dd>
                <dt className="muted">Labels</dt>
                <dd className="flex flex-wrap gap-1">{a.labels.map((l) => <code key={l} className="rounded bg-slate-100 px-1 text-xs dark:bg-slate-800">{l}</code>)}</dd>
                <dt className="muted">Version</dt>
                <dd>{a.version ?? '–'}</dd>
                <dt className="muted">Last seen</dt>
                <dd>{timeAgo(a.lastSeenAt)}</dd>
                <dt className="muted">Running</dt>
                <dd>{a.runningJobs.length === 0 ? 'nothing' : a.runningJobs.map((j) => <JobLink key={j} jobId={j} />)}</dd>
              </dl>
              {me.data?.admin && !a.draining ? (
                <button type="button" className="btn mt-3" onClick={() => drain.mutate(a.id)} disabled={drain.isPending}>
                  Drain<span className="sr-only"> {a.name}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function JobLink({ jobId }: { jobId: string }) {
  const client = useRitmo();
  const job = useQuery({ queryKey: ['job', jobId], queryFn: ({ signal }) => client.jobs.get(jobId, signal) });
  if (!job.data) return <code className="mr-2 text-xs">{jobId}</code>;
  return (
    <Link className="link mr-2" to={`/builds/${job.data.buildId}/jobs/${jobId}`}>
      {job.data.name}
    </Link>
  );
}
