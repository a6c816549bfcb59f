// A step that prints a known, deterministic stream over time and records the sha256 of what it printed,
// so a test can check that the stored log holds exactly those bytes.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PrintedStream {
  /** The step's `run:` script. */
  script: string;
  /** Exactly what the step prints on stdout. */
  expected: string;
  /** The sha256 (hex) the step itself wrote down for what it printed. */
  printedHash(): Promise<string>;
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * `blocks` blocks of `perBlock` consecutive numbers (seq), one block every `pauseSeconds`, through tee
 * into `<dir>/<name>.out`; then the step writes that file's sha256 to `<dir>/<name>.sha256`.
 */
export function printedStream(dir: string, name: string, blocks: number, perBlock: number, pauseSeconds: number): PrintedStream {
  const out = join(dir, `${name}.out`);
  const hash = join(dir, `${name}.sha256`);
  const script = [
    'i=0',
    `while [ "$i" -lt ${blocks} ]; do seq $((i * ${perBlock} + 1)) $((i * ${perBlock} + ${perBlock})); i=$((i + 1)); sleep ${pauseSeconds}; done | tee "${out}"`,
    `sha256sum "${out}" | cut -d' ' -f1 > "${hash}"`,
  ].join('\n');
  let expected = '';
  for (let n = 1; n <= blocks * perBlock; n++) expected += `${n}\n`;
  return { script, expected, printedHash: async () => (await readFile(hash, 'utf8')).trim() };
}

/**
 * What the job's only step printed, from the job's stored log: the log without the runner's own first
 * line (`Running step "…"`) and last line (`Step "…" succeeded (…)`).
 */
export function stepOutputOf(log: string): string {
  const lines = log.split('\n');
  const first = lines[0] ?? '';
  const last = lines.at(-2) ?? '';
  if (!first.startsWith('Running step') || !/^Step ".*" \w+ \(/.test(last) || lines.at(-1) !== '') {
    throw new Error(`not a one-step log: first line ${JSON.stringify(first)}, last line ${JSON.stringify(last)}`);
  }
  return `${lines.slice(1, -2).join('\n')}\n`;
}
