import { formatDuration } from '@ritmo/shared';
import type { Colors } from './colors.js';
import { statusPaint } from './status-paint.js';

export interface SummaryRow {
  name: string;
  status: string;
  /** Absent for jobs that never started (skipped, canceled while waiting). */
  durationMs?: number;
  /** Extra words after the duration, e.g. `continue-on-error` or `exit 3`. */
  note?: string;
}

/** The table that ends `ritmo run`: one row per job (job, status, duration), then the build's result. */
export function formatSummaryTable(rows: readonly SummaryRow[], build: { status: string; durationMs: number }, colors: Colors): string {
  const header = { name: 'JOB', status: 'STATUS', duration: 'DURATION' };
  const cells = rows.map((r) => ({
    name: r.name,
    status: r.status,
    duration: r.durationMs === undefined ? '-' : formatDuration(r.durationMs),
    note: r.note,
  }));
  const nameWidth = Math.max(header.name.length, ...cells.map((c) => c.name.length));
  const statusWidth = Math.max(header.status.length, ...cells.map((c) => c.status.length));
  const lines = [colors.bold(`${header.name.padEnd(nameWidth)}  ${header.status.padEnd(statusWidth)}  ${header.duration}`)];
  for (const c of cells) {
    const paint = statusPaint(c.status, colors);
    const note = c.note === undefined ? '' : `  ${colors.dim(c.note)}`;
    lines.push(`${c.name.padEnd(nameWidth)}  ${paint(c.status.padEnd(statusWidth))}  ${c.duration}${note}`);
  }
  const paint = statusPaint(build.status, colors);
  lines.push(`${colors.bold('build')} ${paint(build.status)} in ${formatDuration(build.durationMs)}`);
  return `${lines.join('\n')}\n`;
}
