import { readFile } from 'node:fs/promises';
import { compilePipeline, formatDiagnostic, type Diagnostic } from '@ritmo/pipeline';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { findPipelineFiles } from '../files/find-pipeline-files.js';
import { withCliErrors } from '../with-cli-errors.js';

export interface LintOptions {
  json?: boolean;
}

/**
 * `ritmo lint [FILE...]`: compiles each file (default: `.ritmo.yml`, else every `.ritmo/*.yml`) and prints
 * one `file:line:col: severity ERR_CODE message` line per diagnostic. Exit 1 when any is an error.
 */
export function lintCommand(files: readonly string[], options: LintOptions, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, async () => {
    const found = await findPipelineFiles(deps.cwd, files);
    const diagnostics: Diagnostic[] = [];
    for (const file of found) {
      const text = await readFile(file.path, 'utf8');
      diagnostics.push(...compilePipeline(text, { file: file.display }).diagnostics);
    }
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    if (options.json === true) {
      const report = { files: found.map((f) => f.display), errors, warnings, diagnostics };
      deps.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      for (const d of diagnostics) deps.stdout.write(`${formatDiagnostic(d)}\n`);
      deps.stderr.write(`${found.length} file${found.length === 1 ? '' : 's'} checked: ${count(errors, 'error')}, ${count(warnings, 'warning')}\n`);
    }
    return errors > 0 ? exitCodes.failure : exitCodes.ok;
  });
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
