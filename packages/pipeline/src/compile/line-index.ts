import type { Pos } from './yaml-tree.js';

/** Maps 0-based offsets in a text to 1-based line and column. */
export type LineIndex = (offset: number) => Pos;

export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return { offset: at, line: low + 1, column: at - (starts[low] ?? 0) + 1 };
  };
}
