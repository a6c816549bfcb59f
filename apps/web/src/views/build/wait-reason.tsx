import { useQuery } from '@tanstack/react-query';
import type { BuildDetail, Job } from '@ritmo/client';
import { useRitmo } from '../../lib/ritmo-context';
import { useFeatures } from '../../lib/use-features';
import { explainWaitLocally } from './explain-wait-locally';

/**
 * Why a job has not started, in words: from the server's explanation (needs, approval, concurrency,
 * labels no agent has, busy or draining agents, place in the queue) or, on a server without that
 * route, worked out here from the build and the agent list.
 */
export function WaitReason({ job, build }: { job: Job; build: BuildDetail }) {
  const client = useRitmo();
  const features = useFeatures();
  const waiting = job.status === 'pending' || job.status === 'queued' || job.status === 'waiting';
  const fromServer = features.has('jobWaiting');
  // Keyed by the job's status: each change (live) asks again.
  const explained = useQuery({ queryKey: ['waiting', job.id, job.status, job.attempt], queryFn: ({ signal }) => client.jobs.waiting(job.id, signal), enabled: waiting && fromServer });
  const agents = useQuery({ queryKey: ['agents'], queryFn: ({ signal }) => client.agents.list({ limit: 200 }, signal), enabled: waiting && !features.loading && !fromServer && job.status === 'queued' });
  if (!waiting || features.loading) return null;
  let lines: string[];
  if (fromServer) {
    if (explained.isPending) lines = ['Asking the server…'];
    else if (explained.error) lines = ['The server could not say why.'];
    else {
      const w = explained.data;
      lines = w.reasons.map((r) => `${r.message[0]?.toUpperCase() ?? ''}${r.message.slice(1)}.`);
      if (w.queue) lines.push(`Place in the queue: ${w.queue.position} of ${w.queue.sameLabels} with the same labels (${w.queue.queuedAhead} queued ahead overall).`);
      if (lines.length === 0) lines = [w.summary];
    }
  } else lines = explainWaitLocally(job, build, agents.data?.items);
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="wait-reason">
      <p className="font-semibold">Why it has not started</p>
      {lines.map((r) => <p key={r}>{r}</p>)}
    </div>
  );
}
