import type { z } from 'zod';
import { isErrorCode } from '@ritmo/shared';
import { EXTENSION_KEY, pipelineSchema, type PipelineInput } from '../schema/pipeline-schema.js';
import { describeValue, joinOr, typeName } from './describe-value.js';
import { formatPath, type DiagnosticSink } from './diagnostic-sink.js';
import { keyPosition, locate, valuePosition } from './locate.js';
import { knownKeysAt } from './schema-keys.js';
import { didYouMean } from './suggest.js';
import { toPlain, type YNode } from './yaml-tree.js';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

/**
 * Checks the tree against the pipeline schema and turns every zod issue into a diagnostic at the
 * node it is about (the key for unknown keys, the value for wrong values, the parent's key for a
 * missing key). Returns the typed value when there is no issue.
 */
export function validateSchema(root: YNode, sink: DiagnosticSink): PipelineInput | undefined {
  const value = withoutExtensions(toPlain(root));
  const result = pipelineSchema.safeParse(value);
  if (result.success) return result.data;
  const report = createIssueReporter(root, value, sink);
  for (const issue of result.error.issues) report(issue, []);
  return undefined;
}

function createIssueReporter(root: YNode, value: unknown, sink: DiagnosticSink): (issue: Issue, base: Path) => void {
  const where = (path: Path) => (path.length === 0 ? 'the file' : formatPath(path));
  const nodeAt = (path: Path) => locate(root, path).node;

  const report = (issue: Issue, base: Path): void => {
    const path: Path = [...base, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(pipelineSchema, path, value);
        for (const key of issue.keys) {
          const message = path.length === 0 ? `unknown top-level key "${key}"` : `unknown key "${key}" in ${where(path)}`;
          sink.add('ERR_PIPELINE_UNKNOWN_KEY', message, keyPosition(root, [...path, key]), [...path, key], { suggestions: didYouMean(key, known) });
        }
        return;
      }
      case 'invalid_type': {
        const node = nodeAt(path);
        if (node === undefined) {
          reportMissing(path);
        } else if (path.length === 0 && node.kind === 'scalar' && node.value === null) {
          sink.add('ERR_PIPELINE_MISSING_KEY', 'the file is empty; a pipeline needs at least jobs:', node.pos, path);
        } else {
          const message = path.length === 0 ? `the file must be a map of keys (name, on, jobs ...), got ${describeValue(node)}` : `${where(path)} must be ${typeName(issue.expected)}, got ${describeValue(node)}`;
          sink.add('ERR_PIPELINE_INVALID_TYPE', message, valuePosition(root, path), path);
        }
        return;
      }
      case 'invalid_union':
        return reportUnion(issue, path);
      case 'invalid_value': {
        const options = issue.values.map((v) => String(v));
        const got = describeValue(nodeAt(path));
        const message = options.length === 1 ? `${where(path)} must be "${options[0]}", got ${got}` : `${where(path)} must be one of ${options.join(', ')}; got ${got}`;
        const written = nodeAt(path);
        const suggestions = written?.kind === 'scalar' ? didYouMean(String(written.value), options) : [];
        sink.add('ERR_PIPELINE_INVALID_VALUE', message, valuePosition(root, path), path, { suggestions });
        return;
      }
      case 'too_small':
      case 'too_big':
        sink.add('ERR_PIPELINE_INVALID_VALUE', `${where(path)} ${sizeRule(issue)}, got ${describeValue(nodeAt(path))}`, valuePosition(root, path), path);
        return;
      case 'invalid_key': {
        const key = String(path[path.length - 1]);
        const rule = issue.issues.map((i) => i.message).join('; ');
        sink.add('ERR_PIPELINE_INVALID_VALUE', `key "${key}" in ${where(path.slice(0, -1))} ${rule}`, keyPosition(root, path), path);
        return;
      }
      case 'invalid_format':
        sink.add('ERR_PIPELINE_INVALID_VALUE', `${where(path)} ${issue.message}, got ${describeValue(nodeAt(path))}`, valuePosition(root, path), path);
        return;
      case 'custom': {
        const named: unknown = issue.params?.code;
        const code = typeof named === 'string' && isErrorCode(named) ? named : 'ERR_PIPELINE_INVALID_VALUE';
        const message = path.length === 0 ? issue.message : `${where(path)}: ${issue.message}`;
        sink.add(code, message, valuePosition(root, path), path);
        return;
      }
      default:
        sink.add('ERR_PIPELINE_INVALID_VALUE', `${where(path)}: ${issue.message}`, valuePosition(root, path), path);
    }
  };

  /** Reports the issues of the one union option that fits the value's type, or a type error naming all options. */
  const reportUnion = (issue: Extract<Issue, { code: 'invalid_union' }>, path: Path): void => {
    const node = nodeAt(path);
    if (node === undefined) return reportMissing(path);
    // An option whose only complaint is the value's type (or, for enums, a map or list given) does not fit.
    const isTypeMismatch = (branch: Issue[]) =>
      branch.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || (i.code === 'invalid_value' && node.kind !== 'scalar')));
    const fitting = issue.errors.filter((branch) => !isTypeMismatch(branch));
    if (fitting.length > 0) {
      const best = fitting.reduce((a, b) => (b.length < a.length ? b : a));
      for (const inner of best) report(inner, path);
      return;
    }
    const expected = issue.errors.flat().map((i) => (i.code === 'invalid_type' ? typeName(i.expected) : i.code === 'invalid_value' ? `one of ${i.values.join(', ')}` : i.message));
    sink.add('ERR_PIPELINE_INVALID_TYPE', `${where(path)} must be ${joinOr(expected)}, got ${describeValue(nodeAt(path))}`, valuePosition(root, path), path);
  };

  const reportMissing = (path: Path): void => {
    const key = String(path[path.length - 1]);
    sink.add('ERR_PIPELINE_MISSING_KEY', `${where(path.slice(0, -1))} is missing the required key "${key}"`, valuePosition(root, path), path);
  };

  return report;
}

function sizeRule(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array') return small && bound === 1 ? 'must not be empty' : `must have ${small ? 'at least' : 'at most'} ${bound} items`;
  if (issue.origin === 'string') return small && bound === 1 ? 'must not be empty' : `must be ${small ? 'at least' : 'at most'} ${bound} characters`;
  return `must be ${small ? 'at least' : 'at most'} ${bound}`;
}

function withoutExtensions(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !EXTENSION_KEY.test(key)));
}
