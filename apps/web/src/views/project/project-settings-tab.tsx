import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Project } from '@ritmo/client';
import { ErrorBox } from '../../components/error-box';
import { PipelineEditor } from '../../components/pipeline-editor';
import { useRitmo } from '../../lib/ritmo-context';

/** Edit the repository, default branch, pipeline path and inline pipeline; delete the project. */
export function ProjectSettingsTab({ project }: { project: Project }) {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const pipeline = useQuery({ queryKey: ['pipeline', project.id], queryFn: ({ signal }) => client.projects.pipeline(project.name, undefined, signal), enabled: project.hasInlinePipeline });
  const [repoUrl, setRepoUrl] = useState(project.repoUrl ?? '');
  const [defaultBranch, setDefaultBranch] = useState(project.defaultBranch);
  const [pipelinePath, setPipelinePath] = useState(project.pipelinePath);
  const [text, setText] = useState<string | undefined>(undefined);
  const yaml = text ?? pipeline.data?.text ?? '';
  const save = useMutation({
    mutationFn: () =>
      client.projects.update(project.name, {
        repoUrl: repoUrl.trim() ? repoUrl.trim() : null,
        defaultBranch,
        pipelinePath,
        pipeline: yaml.trim() ? yaml : null,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['project'] });
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      await queryClient.invalidateQueries({ queryKey: ['pipeline', project.id] });
    },
  });
  const remove = useMutation({
    mutationFn: () => client.projects.remove(project.name),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      navigate('/projects');
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="card space-y-3" aria-label="Project settings">
        <div className="grid gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor="edit-repo" className="label">Repository URL</label>
            <input id="edit-repo" className="input" value={repoUrl} onChange={(e) => setRepoUrl(e.target.value)} />
          </div>
          <div>
            <label htmlFor="edit-branch" className="label">Default branch</label>
            <input id="edit-branch" className="input" required value={defaultBranch} onChange={(e) => setDefaultBranch(e.target.value)} />
          </div>
          <div>
            <label htmlFor="edit-path" className="label">Pipeline file in the repository</label>
            <input id="edit-path" className="input" required value={pipelinePath} onChange={(e) => setPipelinePath(e.target.value)} />
          </div>
        </div>
        <PipelineEditor id="edit-pipeline" value={yaml} onChange={setText} />
        {save.error ? <ErrorBox error={save.error} title="Could not save" /> : null}
        {save.isSuccess ? <p role="status" className="text-sm text-green-800 dark:text-green-300">Saved.</p> : null}
        <button type="submit" className="btn-primary" disabled={save.isPending}>Save settings</button>
      </form>
      <section className="card border-red-300 dark:border-red-900" aria-labelledby="danger-h">
        <h2 id="danger-h" className="font-semibold">Delete this project</h2>
        <p className="muted my-2 text-sm">Deletes its builds, logs, secrets and members. This cannot be undone.</p>
        {remove.error ? <ErrorBox error={remove.error} /> : null}
        <button type="button" className="btn-danger" onClick={() => window.confirm(`Delete ${project.name}?`) && remove.mutate()}>
          Delete project
        </button>
      </section>
    </div>
  );
}
