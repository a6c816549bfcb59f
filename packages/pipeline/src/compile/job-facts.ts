import { isMap, isScalar, isSeq, stringOf, valueOf, type YNode } from './yaml-tree.js';

/** What expression checks need to know about a job, read defensively from the tree. */
export interface JobFacts {
  /** The job waits for other jobs (explicit needs, or a previous non-empty stage). */
  hasNeeds: boolean;
  /** Keys its matrix defines (including keys only `include` adds); undefined without a matrix. */
  matrixKeys?: string[];
}

/** Facts for every job under `jobs:`, by key. Tolerates any shape: this runs even when validation failed. */
export function jobFacts(root: YNode): Map<string, JobFacts> {
  const facts = new Map<string, JobFacts>();
  const jobs = valueOf(root, 'jobs');
  if (!isMap(jobs)) return facts;
  const stagesNode = valueOf(root, 'stages');
  const stages = isSeq(stagesNode) ? stagesNode.items.map(stringOf).filter((s): s is string => s !== undefined) : [];
  const stageIndex = (job: YNode) => (stages.length === 0 ? -1 : stages.indexOf(stringOf(valueOf(job, 'stage')) ?? stages[0]!));
  const firstUsed = Math.min(...jobs.entries.map((e) => stageIndex(e.value)).filter((i) => i >= 0));
  for (const { key, value: job } of jobs.entries) {
    const needs = valueOf(job, 'needs');
    const explicit = needs !== undefined && !(isScalar(needs) && needs.value === null);
    const hasNeeds = explicit ? !(isSeq(needs) && needs.items.length === 0) : stageIndex(job) > firstUsed;
    const matrix = valueOf(valueOf(job, 'strategy'), 'matrix');
    const entry: JobFacts = { hasNeeds };
    if (isMap(matrix)) entry.matrixKeys = matrixKeysOf(matrix);
    facts.set(key, entry);
  }
  return facts;
}

function matrixKeysOf(matrix: YNode): string[] {
  if (!isMap(matrix)) return [];
  const keys = matrix.entries.map((e) => e.key).filter((k) => k !== 'include' && k !== 'exclude');
  const include = valueOf(matrix, 'include');
  if (isSeq(include)) {
    for (const item of include.items) if (isMap(item)) for (const e of item.entries) if (!keys.includes(e.key)) keys.push(e.key);
  }
  return keys;
}
