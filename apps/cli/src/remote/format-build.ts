import type { BuildDetail } from '@ritmo/client';
import type { Colors } from '../output/colors.js';
import { formatSummaryTable } from '../output/format-summary-table.js';
import { statusPaint } from '../output/status-paint.js';

/** A build as people name it: `web#42`. */
export const buildLabel = (project: string, number: number): string => `${project}#${number}`;

/** The build's page in the web UI (served by the same server). */
export const buildUrl = (serverUrl: string, buildId: string): string => `${serverUrl}/builds/${encodeURIComponent(buildId)}`;

/** What `ritmo trigger` and `ritmo retry` print: the build's number, status and id, then its URL. */
export function formatBuildCreated(build: BuildDetail, project: string, serverUrl: string, colors: Colors): string {
  const jobs = `${build.jobs.length} job${build.jobs.length === 1 ? '' : 's'}`;
  const lines = [`build ${colors.bold(buildLabel(project, build.number))} ${statusPaint(build.status, colors)(build.status)} (${build.id}), ${jobs}`, buildUrl(serverUrl, build.id)];
  if (build.error !== null) lines.push(colors.red(build.error));
  return `${lines.join('\n')}\n`;
}

/** The table that ends a followed build: each job's status, duration and exit code, then the build's result. */
export function formatBuildSummary(build: BuildDetail, colors: Colors, now: number): string {
  const rows = build.jobs.map((j) => {
    const note = j.status === 'failure' && j.exitCode !== null ? `exit ${j.exitCode}` : (j.reason ?? undefined);
    return {
      name: j.name,
      status: j.status,
      ...(j.startedAt !== null && j.finishedAt !== null ? { durationMs: Date.parse(j.finishedAt) - Date.parse(j.startedAt) } : {}),
      ...(note === undefined ? {} : { note }),
    };
  });
  const from = Date.parse(build.startedAt ?? build.createdAt);
  const to = build.finishedAt === null ? now : Date.parse(build.finishedAt);
  const error = build.error === null ? '' : `${colors.red(build.error)}\n`;
  return `${error}${formatSummaryTable(rows, { status: build.status, durationMs: Math.max(0, to - from) }, colors)}`;
}
