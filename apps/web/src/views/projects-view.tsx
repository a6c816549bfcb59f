import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { PipelineEditor } from '../components/pipeline-editor';
import { timeAgo } from '../lib/format';
import { useRitmo } from '../lib/ritmo-context';
import { useProjects } from '../lib/use-projects';

const EXAMPLE = `name: ci
jobs:
  build:
    steps:
      - run: echo building
  test:
    needs: [build]
    steps:
      - run: echo testing
`;

function CreateProjectForm({ onDone }: { onDone(): void }) {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [repoUrl, setRepoUrl] = useState('');
  const [defaultBranch, setDefaultBranch] = useState('main');
  const [pipeline, setPipeline] = useState(EXAMPLE);
  const create = useMutation({
    mutationFn: () =>
      client.projects.create({
        name,
        ...(repoUrl.trim() ? { repoUrl: repoUrl.trim() } : {}),
        ...(defaultBranch.trim() ? { defaultBranch: defaultBranch.trim() } : {}),
        ...(pipeline.trim() ? { pipeline } : {}),
      }),
    onSuccess: async (project) => {
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      onDone();
      navigate(`/projects/${project.name}`);
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} className="card mb-6 space-y-3" aria-labelledby="create-h">
      <h2 id="create-h" className="font-semibold">New project</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="project-name" className="label">Name</label>
          <input id="project-name" className="input" required pattern="[a-z0-9][a-z0-9._\-]{0,62}" title="lowercase letters, digits, . _ -" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="project-repo" className="label">Repository URL (optional)</label>
          <input id="project-repo" className="input" placeholder="https://… or /path/to/repo.git" value={repoUrl} onChange={(e) => setRepoUrl(e.target.value)} />
        </div>
        <div>
          <label htmlFor="project-branch" className="label">Default branch</label>
          <input id="project-branch" className="input" value={defaultBranch} onChange={(e) => setDefaultBranch(e.target.value)} />
        </div>
      </div>
      <PipelineEditor id="project-pipeline" value={pipeline} onChange={setPipeline} />
      {create.error ? <ErrorBox error={create.error} title="Could not create the project" /> : null}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={create.isPending}>Create project</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

/** Every project the user can see, and the form to create one. */
export function ProjectsView() {
  const projects = useProjects();
  const [creating, setCreating] = useState(false);
  return (
    <div>
      <PageHeader
        title="Projects"
        actions={
          creating ? null : (
            <button type="button" className="btn-primary" onClick={() => setCreating(true)}>
              New project
            </button>
          )
        }
      />
      {creating ? <CreateProjectForm onDone={() => setCreating(false)} /> : null}
      {projects.isPending ? (
        <Loading />
      ) : projects.error ? (
        <ErrorBox error={projects.error} />
      ) : projects.data.items.length === 0 ? (
        <p className="muted">No projects yet.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {projects.data.items.map((p) => (
            <li key={p.id} className="card">
              <Link to={`/projects/${p.name}`} className="link text-base font-semibold">{p.name}</Link>
              <p className="muted mt-1 truncate text-sm">{p.repoUrl ?? 'no repository'} · {p.hasInlinePipeline ? 'inline pipeline' : p.pipelinePath}</p>
              <p className="muted text-xs">updated {timeAgo(p.updatedAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
