import { RitmoError } from '@ritmo/shared';
import type { PipelineFile } from './find-pipeline-files.js';

/** For `run` and `plan`, which work on one pipeline: the single file, or ERR_CLI_PIPELINE_AMBIGUOUS. */
export function chooseOnePipelineFile(files: readonly PipelineFile[]): PipelineFile {
  const [first, ...rest] = files;
  if (first === undefined) throw new RitmoError('ERR_CLI_PIPELINE_NOT_FOUND', 'no pipeline file given');
  if (rest.length > 0) {
    const names = files.map((f) => f.display);
    throw new RitmoError('ERR_CLI_PIPELINE_AMBIGUOUS', `several pipeline files found (${names.join(', ')}); name the one to use`, {
      details: { files: names },
      suggestions: names.map((n) => `ritmo <command> ${n}`),
    });
  }
  return first;
}
