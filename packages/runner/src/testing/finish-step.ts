import type { StepProcess } from '../executor.js';

/** Reads an output stream of a step to its end as text. */
export async function readText(source: AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of source) text += Buffer.from(chunk).toString();
  return text;
}

/** Waits for a step to end and returns its exit code and whole output. */
export async function finishStep(proc: StepProcess): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const [exit, stdout, stderr] = await Promise.all([proc.wait(), readText(proc.stdout), readText(proc.stderr)]);
  return { exitCode: exit.exitCode, stdout, stderr };
}
