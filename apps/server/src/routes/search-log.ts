import type { Store } from '@ritmo/store';

/** Bytes read from the store per step: memory stays bounded by this (plus one carried partial line). */
const WINDOW = 1024 * 1024;
/** A line longer than this is searched in pieces (its line number may then count one piece as a line). */
const MAX_CARRY = 4 * 1024 * 1024;
/** Bytes of a matching line returned. */
const PREVIEW = 1000;

export interface LogSearchInput {
  jobId: string;
  attempt: number;
  /** The log's size when the search starts; bytes written later are not searched. */
  size: number;
  query: string;
  caseSensitive: boolean;
  limit: number;
  /** Where to start: a line start and its 1-based number. */
  from: { offset: number; line: number };
  signal?: AbortSignal;
}

export interface LogSearchOutput {
  matches: { line: number; offset: number; text: string }[];
  /** Where a further search continues, or undefined when the end was reached. */
  next: { offset: number; line: number } | undefined;
  scanned: number;
}

function lowerAscii(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out[i] = b >= 65 && b <= 90 ? b + 32 : b;
  }
  return out;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a, from); i !== -1 && i < to; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Finds the lines of a stored log that contain `query`, reading the log window by window from the
 * store, so a log of any size is searched in bounded memory. One match per line, in order.
 */
export async function searchLog(store: Store, input: LogSearchInput): Promise<LogSearchOutput> {
  const needle = input.caseSensitive ? Buffer.from(input.query, 'utf8') : lowerAscii(Buffer.from(input.query, 'utf8'));
  const matches: LogSearchOutput['matches'] = [];
  let pos = input.from.offset;
  let line = input.from.line;
  let carry: Buffer = Buffer.alloc(0);
  while (pos < input.size) {
    if (input.signal?.aborted) break;
    const to = Math.min(input.size, pos + WINDOW);
    const bytes = await store.logs.readLog(input.jobId, input.attempt, { from: pos, to });
    if (bytes.length === 0) break;
    const buf = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
    const base = pos - carry.length;
    pos += bytes.length;
    const atEnd = pos >= input.size;
    let end = atEnd ? buf.length : buf.lastIndexOf(0x0a) + 1;
    if (end === 0 && buf.length > MAX_CARRY) end = buf.length;
    const region = buf.subarray(0, end);
    const haystack = input.caseSensitive ? region : lowerAscii(region);
    let counted = 0;
    for (let hit = haystack.indexOf(needle); hit !== -1; ) {
      // (lastIndexOf with a negative start would count from the end)
      const lineStart = hit === 0 ? 0 : region.lastIndexOf(0x0a, hit - 1) + 1;
      const newline = region.indexOf(0x0a, hit);
      const lineEnd = newline === -1 ? region.length : newline;
      line += countNewlines(region, counted, lineStart);
      counted = lineStart;
      matches.push({ line, offset: base + lineStart, text: region.subarray(lineStart, Math.min(lineEnd, lineStart + PREVIEW)).toString('utf8') });
      if (matches.length === input.limit) {
        const more = newline !== -1 && base + newline + 1 < input.size;
        return { matches, next: more ? { offset: base + newline + 1, line: line + 1 } : undefined, scanned: base + lineEnd - input.from.offset };
      }
      if (newline === -1) break;
      hit = haystack.indexOf(needle, newline + 1);
    }
    line += countNewlines(region, counted, region.length);
    carry = Buffer.from(buf.subarray(end));
  }
  return { matches, next: undefined, scanned: pos - input.from.offset };
}
