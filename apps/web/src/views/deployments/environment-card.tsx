import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Environment } from '@ritmo/client';
import { BuildLink } from '../../components/build-link';
import { ErrorBox } from '../../components/error-box';
import { shortDigest, timeAgo } from '../../lib/format';
import { useRitmo } from '../../lib/ritmo-context';
import { DeploymentHistory } from './deployment-history';

/** One environment: the version running there, rolling back (after a confirmation), and its history. */
export function EnvironmentCard({ project, environment }: { project: string; environment: Environment }) {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const rollback = useMutation({
    mutationFn: () => client.deployments.rollback(project, environment.name),
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: ['deployments', project, environment.name] }),
      queryClient.invalidateQueries({ queryKey: ['environments', project] }),
      queryClient.invalidateQueries({ queryKey: ['builds'] }),
    ]),
  });
  const current = environment.current;
  const headingId = `env-${environment.id}`;
  return (
    <section className="card space-y-3" aria-labelledby={headingId} data-testid="environment">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="font-semibold">{environment.name}</h2>
        {environment.url ? <a className="link text-sm break-all" href={environment.url}>{environment.url}</a> : null}
      </div>
      {current ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="current-version">
          <dt className="muted">Version</dt>
          <dd><code className="text-xs" title={current.digest ?? undefined}>{shortDigest(current.digest)}</code></dd>
          <dt className="muted">Build</dt>
          <dd>{current.buildId ? <BuildLink buildId={current.buildId} number={current.buildNumber} /> : '–'}</dd>
          <dt className="muted">Deployed</dt>
          <dd>{timeAgo(current.finishedAt ?? current.createdAt)}</dd>
          <dt className="muted">By</dt>
          <dd>{current.actor ?? '–'}</dd>
        </dl>
      ) : (
        <p className="muted text-sm">Nothing running here yet.</p>
      )}
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={`Confirm rolling back ${environment.name}`}>
          <span>Redeploy the previous successful version of {environment.name}?</span>
          <button type="button" className="btn-danger" disabled={rollback.isPending} onClick={() => { setConfirming(false); rollback.mutate(); }}>
            Confirm roll back
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      ) : (
        <button type="button" className="btn" disabled={rollback.isPending} onClick={() => { rollback.reset(); setConfirming(true); }}>
          Roll back<span className="sr-only"> {environment.name}</span>
        </button>
      )}
      {rollback.error ? <ErrorBox error={rollback.error} title={`Could not roll back ${environment.name}`} /> : null}
      {rollback.data ? (
        <p role="status" className="text-sm">
          Rolling back to <code className="text-xs">{shortDigest(rollback.data.digest)}</code>:{' '}
          <Link className="link" to={`/builds/${rollback.data.buildId}`}>build #{rollback.data.buildNumber}</Link> runs the deploy job.
        </p>
      ) : null}
      <h3 className="text-sm font-semibold">History</h3>
      <DeploymentHistory project={project} environment={environment.name} />
    </section>
  );
}
