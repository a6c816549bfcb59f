const NEWLINE = 0x0a;

/**
 * The bytes of one log held in memory as the blocks they arrived in, with an index of where every line
 * starts, so any line's text is found without splitting the whole log into strings. Bytes arrive at the
 * end (live) or before the start (earlier parts loaded after the tail).
 */
export interface LogBuffer {
  /** Absolute byte offset of the first byte held (0 once everything before the tail is loaded). */
  readonly start: number;
  /** Absolute byte offset one past the last byte held. */
  readonly end: number;
  /** Number of lines held; a last line without its newline yet counts. */
  readonly lineCount: number;
  /** Appends bytes that start at `end`. */
  append(bytes: Uint8Array): void;
  /** Adds bytes that end at `start` (they should end with a newline). */
  prepend(bytes: Uint8Array): void;
  /** The text of line `index` (0-based within the buffer), without its newline. */
  lineText(index: number): string;
  /** Absolute byte offset where line `index` starts. */
  lineOffset(index: number): number;
  /** The line that holds the byte at `offset` (clamped to the lines held). */
  lineAt(offset: number): number;
  /** Raw bytes of line `index`, without its newline. */
  lineBytes(index: number): Uint8Array;
}

interface Block {
  at: number;
  bytes: Uint8Array;
}

function grow(array: Float64Array, needed: number): Float64Array {
  if (needed <= array.length) return array;
  const next = new Float64Array(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/** Line starts inside `bytes` (absolute), after each newline; the first line's start is the caller's. */
function newlineStarts(bytes: Uint8Array, at: number, into: number[]): void {
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) into.push(at + i + 1);
}

export function createLogBuffer(startOffset = 0): LogBuffer {
  let blocks: Block[] = [];
  let start = startOffset;
  let end = startOffset;
  // starts[0..count) are line starts; the last may equal `end` (a line that has no byte yet).
  let starts: Float64Array = new Float64Array(1024);
  let count = 0;
  const decoder = new TextDecoder();

  const lines = (): number => (count > 0 && starts[count - 1] === end ? count - 1 : count);

  const readRange = (from: number, to: number): Uint8Array => {
    if (to <= from) return new Uint8Array(0);
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((blocks[mid] as Block).at <= from) lo = mid;
      else hi = mid - 1;
    }
    const first = blocks[lo] as Block;
    if (to <= first.at + first.bytes.length) return first.bytes.subarray(from - first.at, to - first.at);
    const out = new Uint8Array(to - from);
    let written = 0;
    for (let b = lo; b < blocks.length && written < out.length; b++) {
      const block = blocks[b] as Block;
      const s = Math.max(from, block.at) - block.at;
      const e = Math.min(to, block.at + block.bytes.length) - block.at;
      out.set(block.bytes.subarray(s, e), written);
      written += e - s;
    }
    return out;
  };

  const buffer: LogBuffer = {
    get start() {
      return start;
    },
    get end() {
      return end;
    },
    get lineCount() {
      return lines();
    },
    append(bytes) {
      if (bytes.length === 0) return;
      if (count === 0) starts[count++] = end;
      blocks.push({ at: end, bytes });
      const found: number[] = [];
      newlineStarts(bytes, end, found);
      starts = grow(starts, count + found.length);
      for (const s of found) starts[count++] = s;
      end += bytes.length;
    },
    prepend(bytes) {
      if (bytes.length === 0) return;
      const at = start - bytes.length;
      const found: number[] = [at];
      newlineStarts(bytes, at, found);
      // The prepended bytes end with a newline: their last "start" is the old first line's start.
      if (found[found.length - 1] === start) found.pop();
      else if (count > 0) {
        // They do not: the old first line continues a line that begins in them.
        starts = starts.slice(1);
        count--;
      }
      const next = new Float64Array(Math.max(1024, (found.length + count) * 2));
      next.set(found);
      next.set(starts.subarray(0, count), found.length);
      starts = next;
      count += found.length;
      blocks = [{ at, bytes }, ...blocks];
      start = at;
    },
    lineOffset(index) {
      return starts[index] ?? end;
    },
    lineBytes(index) {
      const from = starts[index] ?? end;
      let to = index + 1 < count ? (starts[index + 1] as number) - 1 : end;
      if (index + 1 >= count && to > from && readRange(to - 1, to)[0] === NEWLINE) to--;
      return readRange(from, to);
    },
    lineText(index) {
      return decoder.decode(buffer.lineBytes(index));
    },
    lineAt(offset) {
      let lo = 0;
      let hi = lines() - 1;
      if (hi < 0) return 0;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
  return buffer;
}
