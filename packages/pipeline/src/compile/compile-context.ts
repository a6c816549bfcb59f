import type { ErrorCode } from '@ritmo/shared';
import type { Limits } from '../limits.js';
import type { DiagnosticOptions, DiagnosticSink } from './diagnostic-sink.js';
import { valuePosition } from './locate.js';
import type { TreePath, YNode } from './yaml-tree.js';

/** What the compile steps share: the tree (for positions), the diagnostics and the limits. */
export interface CompileContext {
  root: YNode;
  sink: DiagnosticSink;
  limits: Limits;
  /** Adds a diagnostic at the value found at `path` (or the nearest thing that exists). */
  report(code: ErrorCode, message: string, path: TreePath, options?: DiagnosticOptions): void;
}

export function createCompileContext(root: YNode, sink: DiagnosticSink, limits: Limits): CompileContext {
  return {
    root,
    sink,
    limits,
    report: (code, message, path, options) => sink.add(code, message, valuePosition(root, path), path, options),
  };
}

/** A value that may be one item or a list, as a list. */
export function toList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Env-like values as text: null is empty, numbers and booleans their text form. */
export function scalarText(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Maps the values of a record, keeping key order. */
export function mapValues<T, U>(record: Record<string, T> | undefined, fn: (value: T, key: string) => U): Record<string, U> {
  const out: Record<string, U> = {};
  if (record) for (const [key, value] of Object.entries(record)) out[key] = fn(value, key);
  return out;
}

/** The object without its undefined-valued keys (optional plan fields are absent, not undefined), in key order. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
