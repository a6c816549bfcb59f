import { useQuery } from '@tanstack/react-query';
import type { BuildDetail, Job } from '@ritmo/client';
import { useRitmo } from '../../lib/ritmo-context';

/**
 * Why a job has not started, in words: the jobs it still needs, an approval it waits for, or the
 * agents that could run it (none online with its labels, all busy, or draining).
 */
export function WaitReason({ job, build }: { job: Job; build: BuildDetail }) {
  const client = useRitmo();
  const agents = useQuery({ queryKey: ['agents'], queryFn: ({ signal }) => client.agents.list({ limit: 200 }, signal), enabled: job.status === 'queued' });
  const reasons: string[] = [];
  if (job.status === 'pending') {
    const open = build.jobs.filter((j) => job.needs.includes(j.key) && !['success', 'failure', 'canceled', 'skipped'].includes(j.status));
    reasons.push(open.length > 0 ? `It waits for ${open.map((j) => `${j.name} (${j.status})`).join(', ')} to finish.` : 'Its needs are finished; it is about to be queued.');
  }
  if (job.status === 'waiting') reasons.push(job.reason === 'approval' ? 'It waits for a maintainer to approve it (protected environment or untrusted build).' : `It is held: ${job.reason ?? 'no reason given'}.`);
  if (job.status === 'queued') {
    const labels = job.runsOn;
    const online = (agents.data?.items ?? []).filter((a) => a.status === 'online');
    const matching = online.filter((a) => labels.every((l) => a.labels.includes(l)));
    const active = matching.filter((a) => !a.draining);
    const idle = active.filter((a) => a.runningJobs.length < a.capacity);
    const known = new Set(online.flatMap((a) => a.labels));
    const missing = labels.filter((l) => !known.has(l));
    reasons.push(`It is queued for an agent${labels.length ? ` with the labels ${labels.join(', ')}` : ''}.`);
    if (agents.isPending) reasons.push('Checking the agents…');
    else if (agents.error) reasons.push('The agent list could not be read.');
    else if (online.length === 0) reasons.push('No agent is online.');
    else if (matching.length === 0) reasons.push(missing.length ? `No online agent has the label${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.` : 'No single online agent has all of its labels.');
    else if (active.length === 0) reasons.push(`The ${matching.length} matching agent(s) are draining.`);
    else if (idle.length === 0) reasons.push(`All ${active.length} matching agent(s) are busy; it starts when one has a free slot.`);
    else reasons.push(`${idle.length} matching agent(s) have a free slot; it starts as soon as one claims it.`);
  }
  if (reasons.length === 0) return null;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="wait-reason">
      <p className="font-semibold">Why it has not started</p>
      {reasons.map((r) => <p key={r}>{r}</p>)}
    </div>
  );
}
