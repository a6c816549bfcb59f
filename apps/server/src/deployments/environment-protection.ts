import { createPatternMatcher } from '@ritmo/pipeline';

/** An environment's protection rules, with defaults applied. */
export interface Protection {
  /** Usernames that may approve; empty: any maintainer. */
  reviewers: string[];
  /** Distinct approvals needed (at least 1 when reviewers are named). */
  requiredApprovals: number;
  /** Branch globs that may deploy; empty: any. */
  allowedBranches: string[];
  waitTimerMs: number;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/** Reads the stored protection JSON (as the environment routes wrote it). */
export function protectionOf(stored: Record<string, unknown>): Protection {
  const reviewers = strings(stored['reviewers']);
  const given = count(stored['requiredApprovals']);
  return {
    reviewers,
    requiredApprovals: reviewers.length > 0 ? Math.max(1, given ?? 1) : (given ?? 0),
    allowedBranches: strings(stored['allowedBranches']),
    waitTimerMs: count(stored['waitTimerMs']) ?? 0,
  };
}

/** A deployment to this environment waits (for approvals or its timer) before it runs. */
export function isProtected(p: Protection): boolean {
  return p.requiredApprovals > 0 || p.waitTimerMs > 0;
}

/** Whether a build on `branch` may deploy here (null: not a branch build, e.g. a tag). */
export function branchAllowed(p: Protection, branch: string | null): boolean {
  if (p.allowedBranches.length === 0) return true;
  return branch !== null && createPatternMatcher(p.allowedBranches)(branch);
}

/** Who can approve, as shown to people: the named reviewers, or `maintainers`. */
export function approversOf(p: Protection): string[] {
  return p.reviewers.length > 0 ? p.reviewers : ['maintainers'];
}

/** The job's reason while it waits: who can approve and how many approvals it has, or until when its timer runs. */
export function waitingReason(environment: string, p: Protection, approvals: number, waitUntil: number): string {
  if (approvals < p.requiredApprovals) {
    const who = p.reviewers.length > 0 ? p.reviewers.join(' or ') : 'a maintainer';
    return `environment ${environment}: waiting for approval by ${who} (${approvals} of ${p.requiredApprovals})`;
  }
  return `environment ${environment}: wait timer until ${new Date(waitUntil).toISOString()}`;
}
