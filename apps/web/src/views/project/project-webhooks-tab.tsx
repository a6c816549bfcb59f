import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Project } from '@ritmo/client';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { NotAvailable } from '../../components/not-available';
import { timeAgo } from '../../lib/format';
import { useRitmo } from '../../lib/ritmo-context';
import { useFeatures } from '../../lib/use-features';

const providers = ['github', 'gitlab', 'gitea', 'forgejo', 'gogs', 'generic'];

function Deliveries({ project }: { project: Project }) {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const key = ['deliveries', project.id];
  const deliveries = useQuery({ queryKey: key, queryFn: ({ signal }) => client.projects.listDeliveries(project.name, { limit: 50 }, signal) });
  const redeliver = useMutation({ mutationFn: (id: string) => client.projects.redeliver(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
  if (deliveries.isPending) return <Loading />;
  if (deliveries.error) return <ErrorBox error={deliveries.error} />;
  return (
    <section className="card" aria-labelledby="deliveries-h">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="deliveries-h" className="font-semibold">Delivery log</h2>
        <button type="button" className="btn" onClick={() => void queryClient.invalidateQueries({ queryKey: key })}>Refresh</button>
      </div>
      {redeliver.error ? <ErrorBox error={redeliver.error} /> : null}
      {deliveries.data.items.length === 0 ? <p className="muted text-sm">No deliveries received yet.</p> : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Webhook deliveries</caption>
            <thead className="muted text-xs uppercase">
              <tr>
                <th scope="col" className="py-2 pr-3">Received</th>
                <th scope="col" className="pr-3">Provider</th>
                <th scope="col" className="pr-3">Event</th>
                <th scope="col" className="pr-3">Outcome</th>
                <th scope="col" className="pr-3">Build</th>
                <th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
                <tr key={d.id} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-2 pr-3">{timeAgo(d.receivedAt)}</td>
                  <td className="pr-3">{d.provider}{d.verified ? '' : ' (unverified)'}</td>
                  <td className="pr-3">{d.event ?? '–'}</td>
                  <td className="pr-3"><span className="font-medium">{d.status}</span> <span className="muted">HTTP {d.httpStatus}{d.result ? ` · ${d.result}` : ''}</span></td>
                  <td className="pr-3">{d.buildId ? <Link className="link" to={`/builds/${d.buildId}`}>open</Link> : '–'}</td>
                  <td>{d.verified ? <button type="button" className="btn" onClick={() => redeliver.mutate(d.id)}>Redeliver</button> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Webhook URLs for the project's repository host and the log of deliveries received. */
export function ProjectWebhooksTab({ project }: { project: Project }) {
  const features = useFeatures();
  if (features.loading) return <Loading />;
  return (
    <div className="space-y-4">
      {features.has('webhooks') ? (
        <section className="card" aria-labelledby="hook-urls-h">
          <h2 id="hook-urls-h" className="font-semibold">Webhook URLs</h2>
          <p className="muted my-2 text-sm">
            Point your repository host's webhook at the URL for it. Deliveries are signed with the project secret <code>WEBHOOK_SECRET</code> (set it under Secrets); without it they are rejected.
          </p>
          <ul className="space-y-1 text-sm">
            {providers.map((p) => (
              <li key={p}><span className="inline-block w-20 font-medium">{p}</span> <code className="break-all">{`${window.location.origin}/api/v1/hooks/${p}/${project.name}`}</code></li>
            ))}
          </ul>
        </section>
      ) : (
        <NotAvailable feature="Webhooks" />
      )}
      {features.has('webhookDeliveries') ? <Deliveries project={project} /> : <NotAvailable feature="The webhook delivery log" />}
    </div>
  );
}
