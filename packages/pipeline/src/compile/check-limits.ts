import type { Limits } from '../limits.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { matrixSize } from './expand-matrix.js';
import { isMap, isSeq, stringOf, valueOf, type YMap, type YNode } from './yaml-tree.js';

/**
 * The limits that bound the work after parsing, read straight from the tree before validation or
 * expansion: jobs per build (counting matrix combinations), matrix size, needs per job and job name
 * length. Returns false when any is broken; compilation stops there.
 */
export function checkLimits(root: YNode, limits: Limits, sink: DiagnosticSink): boolean {
  const jobsEntry = isMap(root) ? root.entries.find((e) => e.key === 'jobs') : undefined;
  if (!jobsEntry || !isMap(jobsEntry.value)) return true;
  const jobs = jobsEntry.value;
  let ok = true;
  const fail = (...args: Parameters<DiagnosticSink['add']>) => {
    sink.add(...args);
    ok = false;
  };
  if (jobs.entries.length > limits.maxJobs) {
    fail('ERR_PIPELINE_LIMIT_JOBS', `jobs defines ${jobs.entries.length} jobs, over the limit of ${limits.maxJobs}`, jobsEntry.keyPos, ['jobs']);
    return false;
  }
  let total = 0;
  for (const { key, keyPos, value: job } of jobs.entries) {
    const path = ['jobs', key];
    if (key.length > limits.maxJobNameLength) {
      fail('ERR_PIPELINE_LIMIT_JOB_NAME', `job key is ${key.length} characters, over the limit of ${limits.maxJobNameLength}`, keyPos, path);
    }
    const name = valueOf(job, 'name');
    const nameText = stringOf(name);
    if (name && nameText !== undefined && nameText.length > limits.maxJobNameLength) {
      fail('ERR_PIPELINE_LIMIT_JOB_NAME', `job name is ${nameText.length} characters, over the limit of ${limits.maxJobNameLength}`, name.pos, [...path, 'name']);
    }
    const needs = valueOf(job, 'needs');
    if (isSeq(needs) && needs.items.length > limits.maxNeeds) {
      fail('ERR_PIPELINE_LIMIT_NEEDS', `job "${key}" lists ${needs.items.length} needs, over the limit of ${limits.maxNeeds}`, needs.pos, [...path, 'needs']);
    }
    const matrix = valueOf(valueOf(job, 'strategy'), 'matrix');
    const size = isMap(matrix) ? treeMatrixSize(matrix) : 1;
    if (isMap(matrix) && size > limits.maxMatrix) {
      fail('ERR_PIPELINE_LIMIT_MATRIX', `matrix of job "${key}" has ${size} combinations, over the limit of ${limits.maxMatrix}`, matrix.pos, [...path, 'strategy', 'matrix']);
    }
    total += Math.max(1, size);
  }
  if (ok && total > limits.maxJobs) {
    fail('ERR_PIPELINE_LIMIT_JOBS', `the build would have ${total} jobs after matrix expansion, over the limit of ${limits.maxJobs}`, jobsEntry.keyPos, ['jobs']);
  }
  return ok;
}

/** Matrix size from list lengths in the tree (anything that is not a list counts as one value). */
function treeMatrixSize(matrix: YMap): number {
  const lengths: number[] = [];
  let includes = 0;
  for (const { key, value } of matrix.entries) {
    if (key === 'exclude') continue;
    const count = isSeq(value) ? value.items.length : 1;
    if (key === 'include') includes = count;
    else lengths.push(count);
  }
  return matrixSize(lengths, includes);
}
