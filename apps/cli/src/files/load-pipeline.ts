import { readFile } from 'node:fs/promises';
import { compilePipeline, formatDiagnostic, type Plan } from '@ritmo/pipeline';
import { RitmoError } from '@ritmo/shared';
import type { CliDeps } from '../cli-deps.js';
import { chooseOnePipelineFile } from './choose-one-pipeline-file.js';
import { findPipelineFiles, type PipelineFile } from './find-pipeline-files.js';

export interface LoadedPipeline {
  file: PipelineFile;
  plan: Plan;
}

/**
 * For `plan` and `run`: finds the one pipeline file, compiles it, prints its diagnostics (warnings too)
 * on stderr, and throws ERR_CLI_PIPELINE_INVALID when any of them is an error.
 */
export async function loadPipeline(given: string | undefined, deps: Pick<CliDeps, 'cwd' | 'stderr'>): Promise<LoadedPipeline> {
  const file = chooseOnePipelineFile(await findPipelineFiles(deps.cwd, given === undefined ? [] : [given]));
  const text = await readFile(file.path, 'utf8');
  const { plan, diagnostics } = compilePipeline(text, { file: file.display });
  for (const d of diagnostics) deps.stderr.write(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 || plan === undefined) {
    throw new RitmoError('ERR_CLI_PIPELINE_INVALID', `${file.display} has ${errors} error${errors === 1 ? '' : 's'}; fix them first (ritmo lint ${file.display})`, {
      details: { file: file.display, errors },
    });
  }
  return { file, plan };
}
