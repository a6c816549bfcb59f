import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { NavLink, Route, Routes, useNavigate, useParams } from 'react-router';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { useRitmo } from '../lib/ritmo-context';
import { ProjectBuildsTab } from './project/project-builds-tab';
import { ProjectMembersTab } from './project/project-members-tab';
import { ProjectSecretsTab } from './project/project-secrets-tab';
import { ProjectSettingsTab } from './project/project-settings-tab';
import { ProjectWebhooksTab } from './project/project-webhooks-tab';

const tabs = [
  { to: '', label: 'Builds' },
  { to: 'settings', label: 'Settings' },
  { to: 'members', label: 'Members' },
  { to: 'secrets', label: 'Secrets' },
  { to: 'webhooks', label: 'Webhooks' },
];

function RunBuild({ project }: { project: string }) {
  const client = useRitmo();
  const navigate = useNavigate();
  const [ref, setRef] = useState('');
  const run = useMutation({
    mutationFn: () => client.builds.trigger(project, ref.trim() ? { ref: ref.trim() } : {}),
    onSuccess: (build) => navigate(`/builds/${build.id}`),
  });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate();
      }}
    >
      <div>
        <label htmlFor="run-ref" className="label sr-only">Branch or ref to build</label>
        <input id="run-ref" className="input w-40" placeholder="ref (default branch)" value={ref} onChange={(e) => setRef(e.target.value)} />
      </div>
      <button type="submit" className="btn-primary" disabled={run.isPending}>
        Run build
      </button>
      {run.error ? <div className="w-full"><ErrorBox error={run.error} title="Could not start the build" /></div> : null}
    </form>
  );
}

/** One project: its builds, settings, members, secrets and webhooks. */
export function ProjectView() {
  const { project = '' } = useParams();
  const client = useRitmo();
  const query = useQuery({ queryKey: ['project', project], queryFn: ({ signal }) => client.projects.get(project, signal) });
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBox error={query.error} />;
  const p = query.data;
  return (
    <div>
      <PageHeader title={p.name} subtitle={`${p.repoUrl ?? 'No repository'} · ${p.hasInlinePipeline ? 'inline pipeline' : p.pipelinePath} · default branch ${p.defaultBranch}`} actions={<RunBuild project={p.name} />} />
      <nav aria-label="Project" className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
        {tabs.map((t) => (
          <NavLink
            key={t.to}
            to={t.to === '' ? `/projects/${p.name}` : `/projects/${p.name}/${t.to}`}
            end
            className={({ isActive }) => `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? 'border-blue-700 text-blue-800 dark:border-blue-400 dark:text-blue-300' : 'border-transparent text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white'}`}
          >
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<ProjectBuildsTab project={p} />} />
        <Route path="settings" element={<ProjectSettingsTab project={p} />} />
        <Route path="members" element={<ProjectMembersTab project={p} />} />
        <Route path="secrets" element={<ProjectSecretsTab project={p} />} />
        <Route path="webhooks" element={<ProjectWebhooksTab project={p} />} />
      </Routes>
    </div>
  );
}
