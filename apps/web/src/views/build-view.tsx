import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { isFinalStatus, type BuildDetail } from '@ritmo/client';
import { ErrorBox } from '../components/error-box';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { StatusBadge } from '../components/status-badge';
import { DagGraph } from '../dag/dag-graph';
import { elapsed, shortSha, timeAgo } from '../lib/format';
import { useRitmo } from '../lib/ritmo-context';
import { useLiveBuild } from '../lib/use-live-build';
import { useProjects } from '../lib/use-projects';
import { JobPanel } from './build/job-panel';
import { TestResults } from './build/test-results';

/** A build: its graph of jobs with live status, cancel and retry, and the selected job's details and log. */
export function BuildView() {
  const { id = '', jobId } = useParams();
  const client = useRitmo();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const projects = useProjects();
  const build = useLiveBuild(id);
  const setBuild = (b: BuildDetail): void => {
    queryClient.setQueryData(['build', id], b);
  };
  const cancel = useMutation({ mutationFn: () => client.builds.cancel(id), onSuccess: setBuild });
  const retry = useMutation({ mutationFn: () => client.builds.retry(id), onSuccess: (b) => navigate(`/builds/${b.id}`) });
  if (build.isPending) return <Loading />;
  if (build.error) return <ErrorBox error={build.error} />;
  const b = build.data;
  const project = projects.byId.get(b.projectId);
  const job = b.jobs.find((j) => j.id === jobId);
  const final = isFinalStatus(b.status);
  return (
    <div className="space-y-4">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {project ? <Link className="link" to={`/projects/${project.name}`}>{project.name}</Link> : null}
            <span>#{b.number}</span>
            <StatusBadge status={b.status} />
          </span>
        }
        subtitle={
          <>
            {b.pipelineName} · {b.event} · {b.branch ?? b.tag ?? b.ref ?? 'no ref'} <code>{shortSha(b.sha)}</code> · created {timeAgo(b.createdAt)} · {elapsed(b.startedAt, b.finishedAt)}
            {b.retryOf ? <> · retry of <Link className="link" to={`/builds/${b.retryOf}`}>an earlier build</Link></> : null}
            <span className="ml-2" data-testid="build-live">{final ? '' : build.live === 'open' ? '· live' : `· ${build.live}`}</span>
          </>
        }
        actions={
          final ? (
            <button type="button" className="btn" onClick={() => retry.mutate()} disabled={retry.isPending}>Retry build</button>
          ) : (
            <button type="button" className="btn-danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>Cancel build</button>
          )
        }
      />
      {cancel.error ?? retry.error ? <ErrorBox error={cancel.error ?? retry.error} /> : null}
      {b.error ? <ErrorBox error={new Error(b.error)} title="The build failed before its jobs ran" /> : null}
      <section className="card" aria-label="Jobs">
        <DagGraph jobs={b.jobs} selectedJobId={job?.id} onSelectJob={(j) => navigate(`/builds/${b.id}/jobs/${j}`)} />
      </section>
      <TestResults build={b} />
      {job ? <JobPanel job={job} build={b} /> : <p className="muted text-sm">Choose a job in the graph to see its steps and log.</p>}
    </div>
  );
}
