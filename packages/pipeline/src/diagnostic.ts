import type { ErrorCode } from '@ritmo/shared';

export type Severity = 'error' | 'warning';

/** One finding about a pipeline file, with an exact position (1-based line and column). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: ErrorCode;
  message: string;
  /** The YAML path of the offending node, e.g. `jobs.test.strategy.matrix`. */
  path: string;
  /** Obvious fixes, e.g. `did you mean "runs-on"?`. */
  suggestions?: string[];
}

/** `file:line:col: severity ERR_CODE message` — the format of `ritmo lint`. */
export function formatDiagnostic(d: Diagnostic): string {
  const hint = d.suggestions?.length ? ` (${d.suggestions.join('; ')})` : '';
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}${hint}`;
}
