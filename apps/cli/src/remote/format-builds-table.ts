import type { Build } from '@ritmo/client';
import { formatDuration } from '@ritmo/shared';
import type { Colors } from '../output/colors.js';
import { statusPaint } from '../output/status-paint.js';
import { formatAge } from './format-age.js';
import { formatTable } from './format-table.js';

/** A build with the names its ids stand for. */
export interface BuildRow {
  build: Build;
  project: string;
  actor: string;
}

/** What ran: the branch, else `tag T`, else the ref, else the short commit. */
export function describeRef(build: Build): string {
  if (build.branch !== null) return build.branch;
  if (build.tag !== null) return `tag ${build.tag}`;
  return build.ref ?? build.sha?.slice(0, 12) ?? '-';
}

/** How long a build ran: started to finished, or to `now` while it runs; `-` before it started. */
export function buildDuration(build: Build, now: number): string {
  if (build.startedAt === null) return '-';
  const end = build.finishedAt === null ? now : Date.parse(build.finishedAt);
  return formatDuration(Math.max(0, end - Date.parse(build.startedAt)));
}

/** The table of `ritmo builds`: number, project, status, ref, event, actor, age, duration and id. */
export function formatBuildsTable(rows: readonly BuildRow[], colors: Colors, now: number): string {
  return formatTable(
    ['#', 'PROJECT', 'STATUS', 'REF', 'EVENT', 'ACTOR', 'AGE', 'DURATION', 'ID'],
    rows.map(({ build, project, actor }) => [
      String(build.number),
      project,
      { text: build.status, paint: statusPaint(build.status, colors) },
      describeRef(build),
      build.event,
      actor,
      formatAge(build.createdAt, now),
      buildDuration(build, now),
      { text: build.id, paint: colors.dim },
    ]),
    colors,
  );
}
