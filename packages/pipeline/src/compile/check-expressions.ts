import { checkTemplate } from '../expressions/check-template.js';
import { unwrapCondition } from '../expressions/evaluate-condition.js';
import { EXTENSION_KEY } from '../schema/pipeline-schema.js';
import { formatPath, type DiagnosticSink } from './diagnostic-sink.js';
import { jobFacts, type JobFacts } from './job-facts.js';
import { positionInScalar } from './locate.js';
import { didYouMean } from './suggest.js';
import { contextRefs } from './template-refs.js';
import { isMap, type TreePath, type YNode, type YScalar } from './yaml-tree.js';

const TOP_LEVEL: Record<string, readonly string[]> = {
  name: ['ritmo', 'inputs'],
  env: ['ritmo', 'inputs', 'secrets'],
  concurrency: ['ritmo', 'inputs'],
};

/** Job keys whose values are not templates at all. */
const NO_EXPRESSIONS = new Set(['needs', 'stage', 'strategy', 'timeout', 'retry', 'continue-on-error']);
/** Job keys that are resolved before the job has secrets (placement, display). */
const NO_SECRETS = new Set(['name', 'runs-on', 'image']);
/** Job keys that can read step outputs. */
const WITH_STEPS = new Set(['steps', 'outputs']);

/** A job's or a step's `if:` is an expression even without `${{ }}`. */
function isCondition(path: TreePath): boolean {
  return path[path.length - 1] === 'if' && (path.length === 3 || typeof path[path.length - 2] === 'number');
}

/**
 * Checks the syntax of every `${{ }}` in the file and that it only reads contexts available where it
 * is: `matrix` only in jobs with a matrix (and only its keys), `needs` only in jobs that need others,
 * `steps` only in steps and outputs, `secrets` not in name / runs-on / image. Works on the tree, so
 * it runs even when validation found other problems.
 */
export function checkExpressions(root: YNode, sink: DiagnosticSink): void {
  if (!isMap(root)) return;
  const facts = jobFacts(root);
  for (const { key, value } of root.entries) {
    if (key === 'jobs' && isMap(value)) {
      for (const job of value.entries) checkJob(job.value, ['jobs', job.key], facts.get(job.key) ?? { hasNeeds: false }, sink);
    } else if (key !== 'jobs' && !EXTENSION_KEY.test(key)) {
      walkStrings(value, [key], TOP_LEVEL[key] ?? [], undefined, sink);
    }
  }
}

function checkJob(job: YNode, path: TreePath, facts: JobFacts, sink: DiagnosticSink): void {
  if (!isMap(job)) return;
  const base = ['ritmo', 'env', 'inputs', 'job', 'strategy', 'secrets'];
  if (facts.matrixKeys) base.push('matrix');
  if (facts.hasNeeds) base.push('needs');
  for (const { key, value } of job.entries) {
    let contexts = NO_EXPRESSIONS.has(key) ? [] : base;
    if (NO_SECRETS.has(key)) contexts = contexts.filter((c) => c !== 'secrets');
    if (WITH_STEPS.has(key)) contexts = [...contexts, 'steps'];
    walkStrings(value, [...path, key], contexts, facts.matrixKeys, sink);
  }
}

function walkStrings(node: YNode, path: TreePath, contexts: readonly string[], matrixKeys: string[] | undefined, sink: DiagnosticSink): void {
  if (node.kind === 'map') {
    for (const entry of node.entries) walkStrings(entry.value, [...path, entry.key], contexts, matrixKeys, sink);
  } else if (node.kind === 'seq') {
    node.items.forEach((item, i) => walkStrings(item, [...path, i], contexts, matrixKeys, sink));
  } else if (typeof node.value === 'string') {
    const condition = isCondition(path);
    const bare = condition && !node.value.includes('${{');
    if (condition && !bare) checkWholeCondition(node, path, sink);
    checkString(node, bare, path, contexts, matrixKeys, sink);
  }
}

/** An `if:` that uses `${{ }}` must be one expression; `${{ a }} == b` would be a string that is always true. */
function checkWholeCondition(node: YScalar, path: TreePath, sink: DiagnosticSink): void {
  try {
    unwrapCondition(String(node.value));
  } catch {
    sink.add(
      'ERR_PIPELINE_EXPRESSION_SYNTAX',
      `${formatPath(path)}: a condition mixes text and \${{ }}; write the whole condition inside one \${{ }} (or leave \${{ }} out)`,
      positionInScalar(node, 0),
      path,
    );
  }
}

function checkString(node: YScalar, bare: boolean, path: TreePath, contexts: readonly string[], matrixKeys: string[] | undefined, sink: DiagnosticSink): void {
  const text = String(node.value);
  if (!bare && !text.includes('${{')) return;
  // A bare `if:` is checked as if wrapped in `${{ }}`; offsets are shifted back to the written text.
  const shift = bare ? 4 : 0;
  const template = bare ? `\${{ ${text} }}` : text;
  const where = formatPath(path);
  for (const problem of checkTemplate(template, contexts)) {
    const offset = Math.max(0, Math.min(text.length, problem.offset - shift));
    sink.add(problem.code, `${where}: ${problem.message}`, positionInScalar(node, offset), path);
  }
  if (!matrixKeys) return;
  const lower = matrixKeys.map((k) => k.toLowerCase());
  for (const ref of contextRefs(template, 'matrix')) {
    if (lower.includes(ref.name.toLowerCase())) continue;
    const offset = Math.max(0, ref.offset - shift);
    sink.add('ERR_PIPELINE_EXPRESSION_CONTEXT', `${where}: the matrix has no key "${ref.name}"`, positionInScalar(node, offset), path, {
      suggestions: didYouMean(ref.name, matrixKeys),
    });
  }
}
