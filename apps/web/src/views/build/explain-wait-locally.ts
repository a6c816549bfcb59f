import type { Agent, BuildDetail, Job } from '@ritmo/client';

/** Why a job waits, worked out from the build and the agents (for servers without /jobs/{id}/waiting). */
export function explainWaitLocally(job: Job, build: BuildDetail, agents: readonly Agent[] | undefined): string[] {
  const reasons: string[] = [];
  if (job.status === 'pending') {
    const open = build.jobs.filter((j) => job.needs.includes(j.key) && !['success', 'failure', 'canceled', 'skipped'].includes(j.status));
    reasons.push(open.length > 0 ? `It waits for ${open.map((j) => `${j.name} (${j.status})`).join(', ')} to finish.` : 'Its needs are finished; it is about to be queued.');
  }
  if (job.status === 'waiting') reasons.push(job.reason === 'approval' ? 'It waits for a maintainer to approve it.' : `It is held: ${job.reason ?? 'no reason given'}.`);
  if (job.status === 'queued') {
    const labels = job.runsOn;
    reasons.push(`It is queued for an agent${labels.length ? ` with the labels ${labels.join(', ')}` : ''}.`);
    if (!agents) return [...reasons, 'Checking the agents…'];
    const online = agents.filter((a) => a.status === 'online');
    const matching = online.filter((a) => labels.every((l) => a.labels.includes(l)));
    const active = matching.filter((a) => !a.draining);
    const idle = active.filter((a) => a.runningJobs.length < a.capacity);
    const known = new Set(online.flatMap((a) => a.labels));
    const missing = labels.filter((l) => !known.has(l));
    if (online.length === 0) reasons.push('No agent is online.');
    else if (matching.length === 0) reasons.push(missing.length ? `No online agent has the label${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.` : 'No single online agent has all of its labels.');
    else if (active.length === 0) reasons.push(`The ${matching.length} matching agent(s) are draining.`);
    else if (idle.length === 0) reasons.push(`All ${active.length} matching agent(s) are busy; it starts when one has a free slot.`);
    else reasons.push(`${idle.length} matching agent(s) have a free slot; it starts as soon as one claims it.`);
  }
  return reasons;
}
