import { readFile, stat } from 'node:fs/promises';
import { parseOutputFile } from './parse-output-file.js';

/** Largest `$RITMO_OUTPUT` file read; outputs are meant for short values, not data. */
export const MAX_OUTPUT_FILE_BYTES = 1024 * 1024;

/** Reads a step's output file; problems are reported through `warn` and never fail the step. */
export async function readStepOutputs(path: string, warn: (message: string) => void): Promise<Record<string, string>> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || info.size === 0) return {};
  if (info.size > MAX_OUTPUT_FILE_BYTES) {
    warn(`ERR_RUNNER_OUTPUT_FILE_INVALID: $RITMO_OUTPUT holds ${info.size} bytes, more than ${MAX_OUTPUT_FILE_BYTES}; its outputs are ignored`);
    return {};
  }
  const { outputs, problems } = parseOutputFile(await readFile(path, 'utf8'));
  for (const problem of problems) warn(`ERR_RUNNER_OUTPUT_FILE_INVALID: $RITMO_OUTPUT ${problem}`);
  return outputs;
}
