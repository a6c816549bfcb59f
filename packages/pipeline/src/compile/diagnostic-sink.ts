import type { ErrorCode } from '@ritmo/shared';
import type { Diagnostic, Severity } from '../diagnostic.js';
import type { Pos, TreePath } from './yaml-tree.js';

export interface DiagnosticOptions {
  suggestions?: string[];
  severity?: Severity;
}

/** Collects diagnostics for one file. */
export interface DiagnosticSink {
  add(code: ErrorCode, message: string, at: Pos, path: TreePath, options?: DiagnosticOptions): void;
  hasErrors(): boolean;
  /** Everything added, in file order, without exact repeats. */
  list(): Diagnostic[];
}

export function createDiagnosticSink(file: string): DiagnosticSink {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  return {
    add(code, message, at, path, options = {}) {
      const diagnostic: Diagnostic = {
        file,
        line: at.line,
        column: at.column,
        severity: options.severity ?? 'error',
        code,
        message,
        path: formatPath(path),
      };
      if (options.suggestions?.length) diagnostic.suggestions = options.suggestions;
      const id = `${at.offset}|${code}|${message}`;
      if (seen.has(id)) return;
      seen.add(id);
      diagnostics.push(diagnostic);
    },
    hasErrors: () => diagnostics.some((d) => d.severity === 'error'),
    list: () => [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column),
  };
}

const SIMPLE_KEY = /^[A-Za-z0-9_-]+$/;

/** `jobs.test.steps[0].run`; keys that are not simple are quoted: `env["A.B"]`. */
export function formatPath(path: TreePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (SIMPLE_KEY.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
