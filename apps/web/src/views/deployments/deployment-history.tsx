import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Deployment } from '@ritmo/client';
import { BuildLink } from '../../components/build-link';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import { shortDigest, timeAgo } from '../../lib/format';
import { useRitmo } from '../../lib/ritmo-context';

/** An environment's deployments, newest first; one waiting for approval can be approved here. */
export function DeploymentHistory({ project, environment }: { project: string; environment: string }) {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const history = useQuery({
    queryKey: ['deployments', project, environment],
    queryFn: ({ signal }) => client.deployments.list(project, environment, { limit: 20 }, signal),
  });
  const approve = useMutation({
    mutationFn: (id: string) => client.deployments.approve(id),
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: ['deployments', project, environment] }),
      queryClient.invalidateQueries({ queryKey: ['environments', project] }),
    ]),
  });
  if (history.isPending) return <Loading />;
  if (history.error) return <ErrorBox error={history.error} title="Could not load the deployment history" />;
  if (history.data.items.length === 0) return <p className="muted text-sm">Nothing deployed here yet.</p>;
  return (
    <div className="space-y-2">
      {approve.error ? <ErrorBox error={approve.error} title="Could not approve the deployment" /> : null}
      <ol className="divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-label={`Deployments to ${environment}`}>
        {history.data.items.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="deployment">
            <StatusBadge status={d.status} />
            <code className="text-xs" title={d.digest ?? undefined}>{shortDigest(d.digest)}</code>
            {d.buildId ? <BuildLink buildId={d.buildId} number={d.buildNumber} /> : null}
            <span className="muted">{d.actor ?? 'someone'} · {timeAgo(d.createdAt)}</span>
            {d.rollbackOf ? <span className="muted text-xs">rollback</span> : null}
            {d.reason ? <span className="muted text-xs">{d.reason}</span> : null}
            {waitsForApproval(d) ? (
              <button type="button" className="btn-primary" disabled={approve.isPending} onClick={() => approve.mutate(d.id)}>
                Approve<span className="sr-only"> deployment of {shortDigest(d.digest)} to {environment}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function waitsForApproval(d: Deployment): boolean {
  return d.status === 'pending' && d.canApprove.length > 0;
}
