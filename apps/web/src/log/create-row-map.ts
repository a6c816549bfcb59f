import type { LogSection } from './find-sections';

export interface RowMap {
  rowCount: number;
  /** The log line shown in a row. */
  lineOf(row: number): number;
  /** The row that shows a line (its section's header row when the line is folded away). */
  rowOf(line: number): number;
}

/**
 * Maps rows on screen to log lines when some sections are folded: a folded section shows only its
 * header line. Folds inside a folded section add nothing.
 */
export function createRowMap(lineCount: number, sections: readonly LogSection[], folded: ReadonlySet<number>): RowMap {
  // Hidden line ranges [from, to], sorted and disjoint.
  const hidden: { from: number; to: number }[] = [];
  const byStart = sections.filter((s) => folded.has(s.start)).sort((a, b) => a.start - b.start);
  for (const s of byStart) {
    const to = s.end === -1 ? lineCount - 1 : Math.min(s.end, lineCount - 1);
    const from = s.start + 1;
    if (to < from) continue;
    const last = hidden[hidden.length - 1];
    if (last && from <= last.to) continue;
    hidden.push({ from, to });
  }
  const hiddenCount = hidden.reduce((n, r) => n + r.to - r.from + 1, 0);
  return {
    rowCount: lineCount - hiddenCount,
    lineOf(row) {
      let line = row;
      for (const r of hidden) {
        if (r.from <= line) line += r.to - r.from + 1;
        else break;
      }
      return line;
    },
    rowOf(line) {
      let row = line;
      for (const r of hidden) {
        if (line > r.to) row -= r.to - r.from + 1;
        else if (line >= r.from) return r.from - 1 - (line - row);
        else break;
      }
      return row;
    },
  };
}
