import type { Store } from '@ritmo/store';

const BLOCK = 64 * 1024;

/** The byte offset where the last `lines` lines of a log start (a final newline ends a line, it does not start one). */
export async function findTailOffset(store: Store, jobId: string, attempt: number, size: number, lines: number): Promise<number> {
  let end = size;
  let found = 0;
  while (end > 0) {
    const start = Math.max(0, end - BLOCK);
    const block = await store.logs.readLog(jobId, attempt, { from: start, to: end });
    for (let i = block.length - 1; i >= 0; i--) {
      const at = start + i;
      if (block[i] !== 0x0a || at === size - 1) continue;
      found++;
      if (found === lines) return at + 1;
    }
    end = start;
  }
  return 0;
}
