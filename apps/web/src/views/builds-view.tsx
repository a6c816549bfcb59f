import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { BuildStatus } from '@ritmo/client';
import { BuildsTable } from '../components/builds-table';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { useRitmo } from '../lib/ritmo-context';
import { useProjects } from '../lib/use-projects';

const statuses: BuildStatus[] = ['queued', 'waiting', 'running', 'success', 'failure', 'canceled'];

/** Build history across projects with filters (kept in the URL) and a text search. */
export function BuildsView() {
  const client = useRitmo();
  const projects = useProjects();
  const [params, setParams] = useSearchParams();
  const filter = {
    project: params.get('project') ?? '',
    status: (params.get('status') ?? '') as BuildStatus | '',
    branch: params.get('branch') ?? '',
    actor: params.get('actor') ?? '',
  };
  const q = params.get('q') ?? '';
  const set = (key: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const builds = useInfiniteQuery({
    queryKey: ['builds', 'list', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      client.builds.list(
        {
          limit: 50,
          ...(pageParam ? { cursor: pageParam } : {}),
          ...(filter.project ? { project: filter.project } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.branch ? { branch: filter.branch } : {}),
          ...(filter.actor ? { actor: filter.actor } : {}),
        },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const all = builds.data?.pages.flatMap((p) => p.items) ?? [];
  const needle = q.trim().toLowerCase();
  const shown = needle
    ? all.filter((b) => [String(b.number), `#${b.number}`, b.sha ?? '', b.message ?? '', b.pipelineName, b.branch ?? '', b.event].some((v) => v.toLowerCase().includes(needle)))
    : all;
  return (
    <div>
      <PageHeader title="Builds" subtitle="Newest first; updates live" />
      <form className="card mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Filter builds" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="f-project" className="label">Project</label>
          <select id="f-project" className="input" value={filter.project} onChange={(e) => set('project', e.target.value)}>
            <option value="">All projects</option>
            {(projects.data?.items ?? []).map((p) => <option key={p.id} value={p.name}>{p.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="label">Status</label>
          <select id="f-status" className="input" value={filter.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any status</option>
            {statuses.map((s) => <option key={s}>{s}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-branch" className="label">Branch</label>
          <input id="f-branch" className="input" value={filter.branch} onChange={(e) => set('branch', e.target.value)} />
        </div>
        <div>
          <label htmlFor="f-actor" className="label">Triggered by</label>
          <input id="f-actor" className="input" placeholder="username" value={filter.actor} onChange={(e) => set('actor', e.target.value)} />
        </div>
        <div>
          <label htmlFor="f-q" className="label">Search</label>
          <input id="f-q" type="search" className="input" placeholder="number, sha, message" value={q} onChange={(e) => set('q', e.target.value)} />
        </div>
      </form>
      <section className="card" aria-label="Builds">
        {builds.isPending ? <Loading /> : builds.error ? <ErrorBox error={builds.error} /> : <BuildsTable builds={shown} projects={projects.byId} caption="Builds" />}
        {builds.hasNextPage ? (
          <button type="button" className="btn mt-3" disabled={builds.isFetchingNextPage} onClick={() => void builds.fetchNextPage()}>
            Load more
          </button>
        ) : null}
      </section>
    </div>
  );
}
