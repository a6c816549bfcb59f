import type { Colors, Paint } from '../output/colors.js';

/** A table cell: its text, and optionally a color put on after padding (so columns stay aligned). */
export type Cell = string | { text: string; paint: Paint };

const textOf = (cell: Cell): string => (typeof cell === 'string' ? cell : cell.text);

/**
 * Aligns rows under a bold header, two spaces between columns, the last column unpadded. Every line
 * ends with a newline; no rows gives the header alone.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[], colors: Colors): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => textOf(r[i] ?? '').length)));
  const line = (cells: readonly Cell[]): string =>
    cells
      .map((cell, i) => {
        const text = i === cells.length - 1 ? textOf(cell) : textOf(cell).padEnd(widths[i] ?? 0);
        return typeof cell === 'string' ? text : cell.paint(text);
      })
      .join('  ')
      .trimEnd();
  return `${[colors.bold(line(header)), ...rows.map(line)].join('\n')}\n`;
}
