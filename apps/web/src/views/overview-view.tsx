import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isFinalStatus } from '@ritmo/client';
import { BuildsTable } from '../components/builds-table';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { useRitmo } from '../lib/ritmo-context';
import { sumMetric } from '../lib/sum-metric';
import { useProjects } from '../lib/use-projects';

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="card">
      <p className="muted text-xs font-medium uppercase">{label}</p>
      <p className="mt-1 text-2xl font-semibold">{value}</p>
      {hint ? <p className="muted mt-1 text-xs">{hint}</p> : null}
    </div>
  );
}

/** Running and queued builds, recent builds, success rate, queue depth and agent health. */
export function OverviewView() {
  const client = useRitmo();
  const projects = useProjects();
  const active = useQuery({
    queryKey: ['builds', 'active'],
    queryFn: async ({ signal }) => {
      const [running, queued, waiting] = await Promise.all(
        (['running', 'queued', 'waiting'] as const).map((status) => client.builds.list({ status, limit: 50 }, signal)),
      );
      return [...(running?.items ?? []), ...(waiting?.items ?? []), ...(queued?.items ?? [])];
    },
  });
  const recent = useQuery({ queryKey: ['builds', 'recent'], queryFn: ({ signal }) => client.builds.list({ limit: 50 }, signal) });
  const agents = useQuery({ queryKey: ['agents'], queryFn: ({ signal }) => client.agents.list({ limit: 200 }, signal) });
  const queueDepth = useQuery({ queryKey: ['builds', 'queue-depth'], queryFn: async ({ signal }) => sumMetric(await client.metricsText(signal), 'ritmo_queue_depth') ?? 0 });

  const finished = (recent.data?.items ?? []).filter((b) => isFinalStatus(b.status));
  const succeeded = finished.filter((b) => b.status === 'success').length;
  const online = (agents.data?.items ?? []).filter((a) => a.status === 'online');
  const busy = online.reduce((n, a) => n + a.runningJobs.length, 0);
  const capacity = online.filter((a) => !a.draining).reduce((n, a) => n + a.capacity, 0);

  return (
    <div>
      <PageHeader title="Overview" subtitle="Updated live as builds start and finish" />
      <section aria-label="Summary" className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Success rate" value={finished.length ? `${Math.round((succeeded / finished.length) * 100)}%` : '–'} hint={`of the last ${finished.length} finished builds`} />
        <Stat label="Queue depth" value={queueDepth.data === undefined ? '–' : String(queueDepth.data)} hint="jobs waiting for an agent" />
        <Stat label="Agents online" value={agents.data ? `${online.length} / ${agents.data.items.length}` : '–'} hint={`${online.filter((a) => a.draining).length} draining`} />
        <Stat label="Slots in use" value={agents.data ? `${busy} / ${capacity}` : '–'} hint="running jobs / capacity of online agents" />
      </section>
      <section aria-labelledby="active-h" className="card mb-6">
        <h2 id="active-h" className="mb-2 font-semibold">Running and queued</h2>
        {active.isPending ? <Loading /> : active.error ? <ErrorBox error={active.error} /> : <BuildsTable builds={active.data} projects={projects.byId} caption="Running and queued builds" />}
      </section>
      <section aria-labelledby="recent-h" className="card mb-6">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="recent-h" className="font-semibold">Recent builds</h2>
          <Link to="/builds" className="link text-sm">All builds</Link>
        </div>
        {recent.isPending ? <Loading /> : recent.error ? <ErrorBox error={recent.error} /> : <BuildsTable builds={recent.data.items.slice(0, 15)} projects={projects.byId} caption="Recent builds" />}
      </section>
      <section aria-labelledby="agents-h" className="card">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="agents-h" className="font-semibold">Agent health</h2>
          <Link to="/agents" className="link text-sm">Agents</Link>
        </div>
        {agents.error ? (
          <ErrorBox error={agents.error} />
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {(agents.data?.items ?? []).map((a) => (
              <li key={a.id} className="rounded-md border border-slate-200 px-2 py-1 dark:border-slate-700">
                <span className={a.status === 'online' ? 'text-green-700 dark:text-green-400' : 'muted'}>{a.status === 'online' ? '●' : '○'}</span> {a.name}
                {a.draining ? ' (draining)' : ''} · {a.runningJobs.length}/{a.capacity}
              </li>
            ))}
            {agents.data?.items.length === 0 ? <li className="muted">No agents registered. Start one with <code>ritmo agent --server URL --token T</code>.</li> : null}
          </ul>
        )}
      </section>
    </div>
  );
}
