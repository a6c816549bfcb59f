import type { PlanJob } from '@ritmo/pipeline';
import type { JobWaiting, WaitingReason } from '@ritmo/protocol';
import type { ConcurrencyWait, WaitingFacts } from '@ritmo/store';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (items: readonly string[]): string => items.join(', ');

/** Where a queued job stands, in words. */
function placeText(facts: WaitingFacts): string {
  const q = facts.queue;
  if (q === undefined) return '';
  if (q.position === 1) return 'it is next in line';
  return `it is number ${q.position} of ${q.sameLabels} queued with these labels`;
}

/** Why a queued job has not been claimed: the agents that could take it, and its place in line. */
function queuedReasons(facts: WaitingFacts): WaitingReason[] {
  const { agents, runsOn, missingLabels } = facts;
  const place = placeText(facts);
  if (agents.matching === 0) {
    if (agents.online === 0) return [{ kind: 'no-matching-agent', message: 'no agent is online', labels: [...runsOn] }];
    if (missingLabels.length > 0) {
      const word = missingLabels.length === 1 ? 'the label' : 'the labels';
      return [{ kind: 'no-matching-agent', message: `no online agent has ${word} ${list(missingLabels)}`, labels: [...missingLabels] }];
    }
    return [{ kind: 'no-matching-agent', message: `no online agent has all of the labels ${list(runsOn)}`, labels: [...runsOn] }];
  }
  if (agents.matchingIdle === 0 && agents.matchingBusy > 0) {
    const draining = agents.matchingDraining > 0 ? `, ${agents.matchingDraining} draining` : '';
    return [{ kind: 'agents-busy', message: `every matching agent is busy (${agents.matchingBusy} busy${draining}); ${place}` }];
  }
  if (agents.matchingIdle === 0) {
    return [{ kind: 'agents-draining', message: `every matching agent is draining (${agents.matchingDraining}) and takes no new jobs` }];
  }
  return [{ kind: 'queued', message: `${plural(agents.matchingIdle, 'matching agent')} can take it; ${place}` }];
}

/** Why a pending job is not queued yet: its needs, or its matrix's max-parallel. */
function pendingReasons(facts: WaitingFacts, planJob: PlanJob): WaitingReason[] {
  if (facts.unfinishedNeeds.length > 0) {
    const needs = facts.unfinishedNeeds.map((n) => ({ jobId: n.jobId, key: n.planJobId, name: n.name, status: n.status }));
    return [{ kind: 'needs', message: `waits for ${list(needs.map((n) => `${n.name} (${n.status})`))}`, needs }];
  }
  if (planJob.maxParallel !== undefined && planJob.matrixGroup !== undefined) {
    return [{ kind: 'max-parallel', message: `at most ${planJob.maxParallel} cells of ${planJob.matrixGroup} run at once (max-parallel)`, maxParallel: planJob.maxParallel }];
  }
  return [{ kind: 'pending', message: 'not decided yet; the build moves it on as soon as something changes' }];
}

/** Waiting for a concurrency group: which one, and the build or job holding it. */
function concurrencyReason(wait: ConcurrencyWait): WaitingReason {
  const { scope, group, holder } = wait;
  const who = scope === 'build' ? 'the build' : 'the job';
  const held = holder === null ? 'which was just freed' : scope === 'build' ? `held by build ${holder.name}` : `held by ${holder.name} of build #${holder.buildNumber}`;
  return { kind: 'concurrency', message: `${who} waits for the concurrency group ${group}, ${held}`, group, scope, holder };
}

/**
 * A waiting job's explanation, from the store's facts (explainWaiting) and the job's plan: the reason
 * that holds it first, then the others, each in words, plus its place in the queue.
 */
export function describeWaiting(facts: WaitingFacts, planJob: PlanJob): JobWaiting {
  const reasons: WaitingReason[] = [];
  if (facts.concurrency !== undefined) {
    reasons.push(concurrencyReason(facts.concurrency));
  } else if (facts.status === 'waiting') {
    reasons.push({ kind: 'approval', message: facts.awaitingApproval ? 'waits for a manual approval (POST /api/v1/jobs/{id}/approve)' : `held: ${facts.reason ?? 'waiting'}` });
  }
  if (facts.status === 'pending') reasons.push(...pendingReasons(facts, planJob));
  if (facts.status === 'queued') reasons.push(...queuedReasons(facts));
  const waiting = reasons.length > 0;
  const a = facts.agents;
  return {
    jobId: facts.jobId,
    status: facts.status,
    waiting,
    reasons,
    summary: waiting ? reasons.map((r) => r.message).join('; ') : facts.status === 'running' ? 'the job is running' : `the job ended (${facts.status})`,
    queue: facts.queue ?? null,
    runsOn: facts.runsOn,
    agents: { online: a.online, matching: a.matching, idle: a.matchingIdle, busy: a.matchingBusy, draining: a.matchingDraining },
  };
}
