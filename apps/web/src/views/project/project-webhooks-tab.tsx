import type { Project } from '@ritmo/client';
import { Loading } from '../../components/loading';
import { NotAvailable } from '../../components/not-available';
import { useFeatures } from '../../lib/use-features';

/** Webhook URLs for the project's repository host and the log of deliveries received. */
export function ProjectWebhooksTab({ project }: { project: Project }) {
  const features = useFeatures();
  if (features.loading) return <Loading />;
  const hookPaths = features.paths.filter((p) => p.startsWith('/api/v1/hooks/'));
  return (
    <div className="space-y-4">
      {hookPaths.length > 0 ? (
        <section className="card" aria-label="Webhook URLs">
          <p className="text-sm">Point your repository host's webhook at one of these URLs (with the project's webhook secret):</p>
          <ul className="mt-2 space-y-1 text-sm">
            {hookPaths.map((p) => (
              <li key={p}><code className="break-all">{`${window.location.origin}${p.replace('{project}', project.name)}`}</code></li>
            ))}
          </ul>
        </section>
      ) : (
        <NotAvailable feature="Webhooks" />
      )}
      {features.has('webhookDeliveries') ? null : <NotAvailable feature="The webhook delivery log" />}
    </div>
  );
}
